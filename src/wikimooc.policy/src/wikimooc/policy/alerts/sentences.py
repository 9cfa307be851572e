"""Each kind of alert as a sentence, for the digest mail and the pages."""

from wikimooc.policy import _
from wikimooc.policy.alerts.storage import BLOCKED
from wikimooc.policy.alerts.storage import DELETED
from wikimooc.policy.alerts.storage import MOVED
from wikimooc.policy.alerts.storage import NOMINATED
from wikimooc.policy.alerts.storage import RENAMED
from wikimooc.policy.alerts.storage import REVERTED
from zope.i18nmessageid import Message


SENTENCES = {
    NOMINATED: _("“${title}” (${who}) is nominated for deletion: ${detail}."),
    DELETED: _("“${title}” (${who}) was deleted."),
    MOVED: _("“${title}” (${who}) was moved to “${detail}”."),
    REVERTED: _("An edit of ${who} to “${title}” was reverted."),
    BLOCKED: _("${who} is blocked on ${wiki}."),
    RENAMED: _("The account ${who} was renamed on ${wiki}."),
}
EXERCISES_FLAGGED = _(
    "It completed ${exercises}: still done, for you to decide."
)


def alert_sentence(item):
    """``item``: an alert as listing.alert_item gives it."""
    return Message(SENTENCES[item["kind"]], mapping={
        "title": item["title"], "who": item["wiki_username"], "detail": item["detail"],
        "wiki": item["wiki"],
    })


def exercises_sentence(item):
    if not item["exercises"]:
        return None
    return Message(EXERCISES_FLAGGED, mapping={
        "exercises": ", ".join(f"“{exercise['title']}”" for exercise in item["exercises"]),
    })
