from plone.dexterity.content import Item
from plone.schema import JSONField
from plone.supermodel import model
from wikimooc.workflows import _
from zope import schema
from zope.interface import implementer

import json


CHOICES_SCHEMA = json.dumps({
    "type": "array",
    "items": {
        "type": "object",
        "required": ["criterion", "level", "points"],
        "properties": {
            "criterion": {"type": "string"},
            "level": {"type": "string"},
            "points": {"type": "integer", "minimum": 0},
            "comment": {"type": "string"},
        },
    },
})


class IReview(model.Schema):
    """A review of a submission, as it was given: the rubric's titles and points are
    copied, so that editing the rubric later does not rewrite it."""

    choices = JSONField(
        title=_("Rubric choices"),
        description=_("The level chosen for each criterion."),
        schema=CHOICES_SCHEMA,
        readonly=True,
    )
    points = schema.Int(title=_("Points"), min=0, readonly=True)
    comment = schema.Text(title=_("Comment"), required=False, readonly=True)


@implementer(IReview)
class Review(Item):
    # The user id of whoever reviewed; never shown to authors unless the session says so.
    reviewer = None
    # Given by the teaching team rather than an allocated learner.
    by_teacher = False
