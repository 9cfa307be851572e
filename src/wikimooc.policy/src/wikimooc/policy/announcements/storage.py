"""What announcements keep, in an annotation of their session: each announcement
(an immutable record, replaced when its status changes), its outbox while and after
it is sent, and the learners who stopped its mails; and in the site, the
announcements waiting to be sent, by the time they are due, so that the worker finds
them without visiting every session.

An outbox holds the recipients, frozen when sending starts, and one Delivery per
recipient. Recipients are taken in their order, a batch at a time: the batch is
claimed (the cursor moves past it) in a transaction of its own, committed before any
of its mails leaves, and each mail's Delivery is recorded after the mail server
answered. Two workers that claim the same batch both rewrite the outbox, which has
no conflict resolution: the later commit conflicts, and its worker sends nothing."""

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from persistent import Persistent
from plone import api
from typing import NamedTuple
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.annotations import drop_annotation


ANNOUNCEMENTS_ANNOTATION = "wikimooc.announcements"
DUE_ANNOTATION = "wikimooc.announcements.due"

# An announcement's statuses.
SCHEDULED = "scheduled"
SENDING = "sending"
SENT = "sent"
CANCELLED = "cancelled"

# A recipient's delivery.
DELIVERED = "sent"
FAILED = "failed"  # the mail server refused the address, or it kept failing
SKIPPED = "skipped"  # no address, or the learner stopped these mails
INTERRUPTED = "interrupted"  # its worker died while sending: perhaps sent, never again
DELIVERY_STATUSES = (DELIVERED, FAILED, SKIPPED, INTERRUPTED)


class Announcement(NamedTuple):
    id: str
    author: str  # user id
    subject: str
    text: str
    audience: str  # a name of audiences.AUDIENCES
    usernames: tuple  # for the "usernames" audience: the names given
    send_at: str  # ISO 8601, UTC
    created: str
    status: str
    recipients: int = 0  # how many it was sent to, once sending started
    finished: str | None = None


class Delivery(NamedTuple):
    status: str
    when: str
    error: str | None = None


class Claim(NamedTuple):
    """A batch a worker is sending: ``token`` is the worker's, ``since`` its start."""

    token: str
    since: str
    usernames: tuple


class Outbox(Persistent):
    def __init__(self, usernames):
        self.recipients = OOTreeSet(usernames)
        self.total = len(self.recipients)
        self.deliveries = OOBTree()  # wiki username → Delivery
        self.counts = OOBTree({status: Length() for status in DELIVERY_STATUSES})
        self.cursor = None  # the last recipient claimed
        self.claim = None
        self.attempts = OOBTree()  # wiki username → failed attempts to reach the server
        self.retry = OOTreeSet()  # recipients to claim again (the server was unreachable)

    def record(self, username, delivery):
        self.deliveries[username] = delivery
        self.counts[delivery.status].change(1)

    def count(self, status):
        return self.counts[status]()

    def done(self):
        return self.claim is None and not self.retry and self.cursor_at_end()

    def cursor_at_end(self):
        if not self.recipients:
            return True
        return self.cursor is not None and self.cursor >= self.recipients.maxKey()


class SessionAnnouncements(Persistent):
    def __init__(self):
        self.items = OOBTree()  # id → Announcement
        self.outboxes = OOBTree()  # id → Outbox
        self.unsubscribed = OOTreeSet()  # user ids who stopped the session's announcements

    def save(self, announcement):
        self.items[announcement.id] = announcement


def announcements_of(session, create=True):
    return annotation(session, ANNOUNCEMENTS_ANNOTATION, SessionAnnouncements, create)


def forget_announcements(session, event):
    """A copied session is a new run: none of the original's announcements."""
    drop_annotation(session, ANNOUNCEMENTS_ANNOTATION)


def due_announcements(create=True):
    """(send_at, session UID, announcement id) → None, for those not sent yet."""
    return annotation(api.portal.get(), DUE_ANNOTATION, OOBTree, create)
