"""Sessions and vocabulary values as every page shows them."""

from wikimooc.policy.tracking.followed import session_wikis
from wikimooc.policy.vocabularies import SESSION_KINDS
from wikimooc.theme import _
from wikimooc.theme.dates import long_date


SESSION_STATES = {
    "draft": _("In preparation"),
    "open": _("Open for enrollment"),
    "closed": _("Closed"),
}


def session_kind_title(kind):
    return SESSION_KINDS.getTerm(kind).title if kind in SESSION_KINDS else kind


def session_summary(brain, request):
    """A session from its catalog entry, its days as the reader reads them."""
    return {
        "title": brain.Title,
        "url": brain.getURL(),
        "kind": brain.session_kind,
        "kind_title": session_kind_title(brain.session_kind),
        "start": long_date(brain.start, request),
        "end": long_date(brain.end, request),
        "wiki": brain.wiki,
        "wikis": session_wikis(brain),
        "state": brain.review_state,
        "state_title": SESSION_STATES.get(brain.review_state, brain.review_state),
    }


def as_enrolled(summary):
    """A session the visitor is enrolled in: an open one is theirs, no longer "open
    for enrollment"."""
    if summary["state"] == "open":
        return {**summary, "state_title": _("You are enrolled")}
    return summary


def term_titles(vocabulary, tokens):
    return [vocabulary.getTerm(token).title for token in tokens or () if token in vocabulary]
