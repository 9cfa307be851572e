"""Sessions and vocabulary values as every page shows them."""

from DateTime import DateTime
from plone import api
from wikimooc.theme import _


SESSION_KINDS = {"public": _("Public MOOC"), "private": _("Private session")}
SESSION_STATES = {
    "draft": _("In preparation"),
    "open": _("Open for enrollment"),
    "closed": _("Closed"),
}


def localized_date(day):
    return api.portal.get_localized_time(DateTime(day.isoformat())) if day else ""


def session_summary(brain):
    """A session from its catalog entry."""
    return {
        "title": brain.Title,
        "url": brain.getURL(),
        "kind": brain.session_kind,
        "kind_title": SESSION_KINDS.get(brain.session_kind, brain.session_kind),
        "start": localized_date(brain.start),
        "end": localized_date(brain.end),
        "wiki": brain.wiki,
        "state": brain.review_state,
        "state_title": SESSION_STATES.get(brain.review_state, brain.review_state),
    }


def term_titles(vocabulary, tokens):
    return [vocabulary.getTerm(token).title for token in tokens or () if token in vocabulary]
