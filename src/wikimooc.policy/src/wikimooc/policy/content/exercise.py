from plone.app.textfield import RichText
from plone.dexterity.content import Item
from plone.supermodel import model
from wikimooc.policy import _
from wikimooc.policy.content.practice import IWikiPractice
from wikimooc.policy.content.session import wiki_host
from wikimooc.workflows.behaviors import IPeerReviewExercise
from z3c.form.validator import NoInputData
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema import ValidationError

import re
import string


class OnlyUsernamePlaceholder(ValidationError):
    __doc__ = _("The only placeholder a title pattern may hold is {username}.")


def only_username_placeholder(pattern):
    try:
        fields = {
            parsed[1] for parsed in string.Formatter().parse(pattern) if parsed[1] is not None
        }
    except ValueError:
        fields = None
    if fields is None or not fields <= {"username"}:
        raise OnlyUsernamePlaceholder(pattern)
    return True


def rubric_given(data):
    """The rubric ``data`` gives the exercise. It is a field of the peer-review
    behavior, not of IExercise: where only IExercise's fields are validated (a form,
    a REST call), it is read from the exercise, as z3c.form reads any field the form
    did not submit; with no exercise yet (an add form), it is not known here."""
    try:
        return data.rubric
    except AttributeError:
        exercise = getattr(data, "__context__", None)
        if not IPeerReviewExercise.providedBy(exercise):
            raise NoInputData("rubric") from None
        return IPeerReviewExercise(exercise).rubric


class IExercise(IWikiPractice):
    """Instructions and how the work is checked: on the wiki, or by peer review."""

    instructions = RichText(title=_("Instructions"))

    check = schema.Choice(
        title=_("How it is checked"), vocabulary="wikimooc.checks", default="wiki"
    )

    model.fieldset(
        "wiki_check",
        label=_("Check on the wiki"),
        fields=["wiki_action", "checked_on", "namespace", "title_pattern", "min_bytes",
                "required_text", "required_text_is_pattern"],
    )
    wiki_action = schema.Choice(
        title=_("Action"), vocabulary="wikimooc.wiki_actions", required=False
    )
    checked_on = schema.TextLine(
        title=_("Wiki where it is checked"),
        description=_(
            "One of the session's wikis, e.g. commons.wikimedia.org; empty for the"
            " session's home wiki (an upload: Commons when the session follows it)."
        ),
        constraint=wiki_host,
        required=False,
    )
    namespace = schema.Int(
        title=_("Namespace number"),
        description=_("0 for articles, 2 for user pages, 6 for files; empty for any."),
        min=0,
        required=False,
    )
    title_pattern = schema.TextLine(
        title=_("Page title pattern"),
        description=_("e.g. User:{username}/Brouillon — {username} is the learner's."),
        constraint=only_username_placeholder,
        required=False,
    )
    min_bytes = schema.Int(title=_("Minimum bytes added"), min=0, default=0)
    required_text = schema.TextLine(title=_("Required text"), required=False)
    required_text_is_pattern = schema.Bool(
        title=_("The required text is a regular expression"),
        default=False,
        required=False,
    )

    @invariant
    def criteria_match_the_check(data):
        if data.check == "wiki" and not data.wiki_action:
            raise Invalid(_("An exercise checked on the wiki needs the action to check."))
        if data.check == "peer" and not (rubric_given(data) or {}).get("criteria"):
            raise Invalid(
                _("A peer-reviewed exercise needs a rubric with at least one criterion.")
            )
        if data.required_text and data.required_text_is_pattern:
            try:
                re.compile(data.required_text)
            except re.error as error:
                raise Invalid(
                    _(
                        "The required text is not a valid regular expression: ${error}",
                        mapping={"error": str(error)},
                    )
                ) from error


@implementer(IExercise)
class Exercise(Item):
    pass
