"""A guided tour written in the CMS: a draft in its course holding its steps, in
order. Names, targets, positions and buttons are the same in every translation of a
draft; titles and texts are translated like the rest of the course."""

from plone.app.multilingual.dx import directives as multilingual
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from wikimooc.policy import _
from wikimooc.policy.tours.names import tour_name
from wikimooc.policy.vocabularies import vocabulary
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import implementer


POSITIONS = vocabulary(
    ("bottom", _("Below the element")),
    ("top", _("Above the element")),
    ("left", _("Left of the element")),
    ("right", _("Right of the element")),
    ("bottomLeft", _("Below, aligned left")),
    ("bottomRight", _("Below, aligned right")),
)

BUTTONS = vocabulary(
    ("back", _("Back")),
    ("next", _("Next")),
    ("end", _("End of the tour")),
    ("course", _("Back to the course")),
)


class IGuidedTourDraft(model.Schema):
    """Its title and description (Dublin Core) say what the tour shows, for teachers."""

    multilingual.languageindependent("tour_name")
    tour_name = schema.TextLine(
        title=_("Tour name"),
        description=_(
            "The tour's name on the wiki: its page is MediaWiki:Guidedtour-tour-<name>.js"
            " and links start it with ?tour=<name>."
        ),
        constraint=tour_name,
    )


@implementer(IGuidedTourDraft)
class GuidedTourDraft(Container):
    pass


class IGuidedTourStep(model.Schema):
    """The step's title and text are its Dublin Core title and description."""

    multilingual.languageindependent("step_name", "attach_to", "position", "buttons")
    step_name = schema.TextLine(
        title=_("Step name"),
        description=_("Used in links that start the tour here (&step=<name>)."),
        constraint=tour_name,
    )
    attach_to = schema.TextLine(
        title=_("Element to point at"),
        description=_(
            "A CSS selector of the wiki's page, e.g. #ca-edit for the Edit tab;"
            " empty for a step in the middle of the page."
        ),
        required=False,
    )
    position = schema.Choice(
        title=_("Position"), vocabulary=POSITIONS, default="bottom", required=False
    )
    directives.widget(buttons=CheckBoxFieldWidget)
    buttons = schema.Tuple(
        title=_("Buttons"),
        value_type=schema.Choice(vocabulary=BUTTONS),
        default=("back", "next"),
        missing_value=(),
        required=False,
    )


@implementer(IGuidedTourStep)
class GuidedTourStep(Item):
    pass
