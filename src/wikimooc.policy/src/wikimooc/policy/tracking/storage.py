"""What edit tracking keeps, per session (in an annotation, beside the session) and
per wiki (in the site).

A session keeps, for each wiki it follows, a trail: the contributions read there
(keyed by revision id, so reading the same window twice records nothing twice) and
the watermark up to which they were read. The watermark is stored in the same
transaction as the contributions it covers: it can only move once they are
committed. The session's tracking is its home wiki's trail (what a session kept
when it followed one wiki); the other wikis' trails are in ``trails``.
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
WIKI_CHECKS_ANNOTATION = "wikimooc.tracking.checks"


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


class WikiTrail(Persistent):
    """A session's contributions on one wiki, read up to ``watermark``."""

    def __init__(self, watermark):
        self.contributions = LOBTree()
        self.watermark = watermark

    def record(self, contribution):
        """Store ``contribution``; return False if it was already known."""
        return self.contributions.insert(contribution.revid, contribution) == 1


class EditTracking(WikiTrail):
    def __init__(self, watermark):
        super().__init__(watermark)
        self.progress = OOBTree()  # (username, exercise UID) → Progress
        self.trails = OOBTree()  # host of a wiki other than the home wiki → WikiTrail
        self.last_checked = None

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


def trail_of(session, host, create=True):
    """The session's trail on ``host`` (its home wiki's is its tracking); without
    ``create``, None until a check made it."""
    tracking = tracking_of(session, create)
    if tracking is None or host == session.wiki:
        return tracking
    if host not in tracking.trails:
        if not create:
            return None
        tracking.trails[host] = WikiTrail(watermark=session_start(session))
    return tracking.trails[host]


def contributions_on(session, host):
    trail = trail_of(session, host, create=False)
    return list(trail.contributions.values()) if trail is not None else []


class WikiChecks(Persistent):
    """What the checks of one wiki share across sessions: the usernames it has
    confirmed, those it does not know, and when it was and will be read."""

    def __init__(self):
        self.confirmed_usernames = OOTreeSet()
        self.unknown_usernames = OOTreeSet()
        self.last_checked = None
        self.next_due = None


def wiki_statuses():
    return annotation(api.portal.get(), WIKI_STATUS_ANNOTATION, OOBTree)


def wiki_checks(host, create=True):
    """``host``'s WikiChecks; without ``create``, None before its first check."""
    checks = annotation(api.portal.get(), WIKI_CHECKS_ANNOTATION, OOBTree, create)
    if checks is None:
        return None
    if host not in checks and create:
        checks[host] = WikiChecks()
    return checks.get(host)
