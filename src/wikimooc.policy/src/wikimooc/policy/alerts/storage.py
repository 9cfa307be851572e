"""What alerts keep, per session (in an annotation beside it), and when the worker
next looks at each wiki (in the site).

Each alert is stored under a key made of what it is about (kind, wiki, page,
revision, block): the worker inserts a key only once, so a retried cycle or two
workers at once never raise it twice (two inserts of one key in concurrent
transactions conflict, and the loser's retry finds it there). The state of every
page learners created or edited is kept too, for the Pages view."""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from persistent import Persistent
from plone import api
from typing import NamedTuple
from wikimooc.workflows.annotations import annotation


ALERTS_ANNOTATION = "wikimooc.alerts"
NEXT_LOOKS_ANNOTATION = "wikimooc.alerts.wikis"

NOMINATED, DELETED, MOVED, REVERTED, BLOCKED, RENAMED = (
    "nominated", "deleted", "moved", "reverted", "blocked", "renamed",
)
LIVE = "live"


class Alert(NamedTuple):
    """``detail``: the deletion category or template, the page's new title, the
    block's reason or the new username; ``exercises``: the UIDs of the exercises a
    reverted edit completed (they stay done, flagged for the teacher)."""

    key: str
    kind: str
    host: str
    raised: str
    username: str = ""
    title: str = ""
    revid: int | None = None
    detail: str = ""
    exercises: tuple = ()
    dismissed_by: str | None = None
    dismissed_when: str | None = None
    note: str = ""


class PageState(NamedTuple):
    state: str
    since: str
    detail: str = ""


class SessionAlerts(Persistent):
    def __init__(self):
        self.alerts = OOBTree()  # key → Alert
        self.pages = OOBTree()  # (host, title) → PageState
        self.digest_sent = OOBTree()  # teacher's user id → wiki timestamp covered
        self.digest_stopped = OOTreeSet()  # teachers' user ids

    def raise_alert(self, alert):
        """Store ``alert`` unless its key is known; whether it is new."""
        return self.alerts.insert(alert.key, alert) == 1


def alert_key(kind, host, *about):
    return "|".join((kind, host, *map(str, about)))


def alerts_of(session, create=True):
    """The session's alerts; without ``create`` (pages that only read), None until
    the worker first looked."""
    return annotation(session, ALERTS_ANNOTATION, SessionAlerts, create)


def next_looks():
    """host → when the worker next looks at that wiki for alerts (a wiki timestamp)."""
    return annotation(api.portal.get(), NEXT_LOOKS_ANNOTATION, OOBTree)
