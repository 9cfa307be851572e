"""What edit tracking keeps, per session (in an annotation, beside the session) and
per wiki (in the site).

Contributions are keyed by revision id, so reading the same window twice records
nothing twice. The watermark is stored in the same transaction as the contributions
it covers: it can only move once they are committed.
"""

from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from datetime import datetime
from datetime import UTC
from persistent import Persistent
from plone import api
from typing import NamedTuple
from wikimooc.workflows.annotations import annotation


TRACKING_ANNOTATION = "wikimooc.tracking"
WIKI_STATUS_ANNOTATION = "wikimooc.tracking.wikis"


class Contribution(NamedTuple):
    revid: int
    parentid: int
    username: str
    namespace: int
    title: str
    timestamp: str
    size: int
    sizediff: int
    new: bool
    comment: str


class Progress(NamedTuple):
    """A learner's state on one exercise: found by a check, or set by a teacher
    (``by`` is then their user id, with their ``reason``)."""

    done: bool
    when: str
    revid: int | None = None
    diff_url: str | None = None
    by: str | None = None
    reason: str | None = None


class WikiStatus(NamedTuple):
    """``reachable`` since ``since``; if not, the ``failures`` in a row so far, the
    last ``error`` and when to try again."""

    reachable: bool
    since: str
    failures: int = 0
    error: str | None = None
    retry_after: str | None = None


class EditTracking(Persistent):
    def __init__(self, watermark):
        self.contributions = LOBTree()
        self.progress = OOBTree()  # (username, exercise UID) → Progress
        self.confirmed_usernames = OOTreeSet()
        self.unknown_usernames = ()
        self.watermark = watermark
        self.last_checked = None
        self.next_due = None

    def record(self, contribution):
        """Store ``contribution``; return False if it was already known."""
        return self.contributions.insert(contribution.revid, contribution) == 1

    def mark(self, username, exercise_uid, done, by, reason):
        """A teacher's decision: it stands until another teacher decision."""
        self.progress[(username, exercise_uid)] = Progress(
            done=done, when=wiki_timestamp(utc_now()), by=by, reason=reason
        )


def utc_now():
    return datetime.now(UTC).replace(microsecond=0)


def wiki_timestamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def session_start(session):
    return wiki_timestamp(datetime.combine(session.start, datetime.min.time(), UTC))


def tracking_of(session, create=True):
    """The session's tracking; without ``create`` (pages that only read), None until
    a first check made it."""
    return annotation(
        session,
        TRACKING_ANNOTATION,
        lambda: EditTracking(watermark=session_start(session)),
        create,
    )


def wiki_statuses():
    return annotation(api.portal.get(), WIKI_STATUS_ANNOTATION, OOBTree)
