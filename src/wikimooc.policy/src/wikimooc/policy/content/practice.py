"""What a lesson or an exercise asks of learners on the wiki: the editor its practice
link opens, the text a new page starts with, and a guided tour of the wiki."""

from plone.supermodel import model
from wikimooc.policy import _
from wikimooc.policy.tours.names import tour_name
from wikimooc.policy.vocabularies import vocabulary
from zope import schema


EDIT_MODES = vocabulary(
    ("visual", _("VisualEditor")),
    ("source", _("Source editor (wikitext)")),
)


class IWikiPractice(model.Schema):
    model.fieldset(
        "practice",
        label=_("Practice on the wiki"),
        fields=["edit_mode", "preload_template", "tour", "tour_step"],
    )
    edit_mode = schema.Choice(
        title=_("Editor"),
        description=_("The editor the practice link opens on the learner's page."),
        vocabulary=EDIT_MODES,
        default="visual",
    )
    preload_template = schema.TextLine(
        title=_("Preload template"),
        description=_(
            "A wiki page whose text a new page of the learner starts with, e.g."
            " Template:WikiMOOC draft. In it, $1 is the address of this page on"
            " WikiMOOC, so that learners find their way back, and $2 its title."
        ),
        required=False,
    )
    tour = schema.Choice(
        title=_("Guided tour"),
        description=_(
            "A tour of the session's wiki (Extension:GuidedTour) that the practice"
            " link starts: the tours of the wiki and the course's own drafts."
        ),
        vocabulary="wikimooc.guided_tours",
        constraint=tour_name,
        required=False,
    )
    tour_step = schema.TextLine(
        title=_("Tour step"),
        description=_("The step the tour starts at; empty for its first step."),
        constraint=tour_name,
        required=False,
    )
