"""Peer-review settings: an exercise's rubric and how many reviews it asks for, and
how a session runs its reviews."""

from plone.autoform.interfaces import IFormFieldProvider
from plone.schema import JSONField
from plone.supermodel import model
from wikimooc.workflows import _
from zope import schema
from zope.interface import provider

import json


RUBRIC_SCHEMA = json.dumps({
    "type": "object",
    "required": ["criteria"],
    "properties": {
        "criteria": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["title", "levels"],
                "properties": {
                    "title": {"type": "string", "minLength": 1},
                    "description": {"type": "string"},
                    "levels": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["title", "points"],
                            "properties": {
                                "title": {"type": "string", "minLength": 1},
                                "points": {"type": "integer", "minimum": 0},
                            },
                        },
                    },
                },
            },
        }
    },
})


@provider(IFormFieldProvider)
class IPeerReviewExercise(model.Schema):
    """Used when the exercise is checked by peer review."""

    model.fieldset(
        "peer_review",
        label=_("Peer review"),
        fields=["rubric", "reviews_required", "reviews_to_give"],
    )
    rubric = JSONField(
        title=_("Rubric"),
        description=_("Criteria, each with levels worth points."),
        schema=RUBRIC_SCHEMA,
        required=False,
    )
    reviews_required = schema.Int(
        title=_("Reviews each submission needs"),
        default=3,
        min=1,
        max=10,
    )
    reviews_to_give = schema.Int(
        title=_("Reviews each learner must give"),
        default=3,
        min=1,
        max=10,
    )


@provider(IFormFieldProvider)
class IPeerReviewSession(model.Schema):
    """How the session's peer reviews are shown and when fewer reviews suffice."""

    model.fieldset(
        "peer_review",
        label=_("Peer review"),
        fields=["show_reviewer_names", "flexible_grading_days"],
    )
    show_reviewer_names = schema.Bool(
        title=_("Show reviewer names to authors"),
        default=False,
        required=False,
    )
    flexible_grading_days = schema.Int(
        title=_("Days before fewer reviews suffice"),
        description=_(
            "A submission that has waited longer is graded with the reviews it has,"
            " if it has at least one."
        ),
        default=7,
        min=1,
    )
