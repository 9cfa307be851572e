"""The worker's side of announcements: an announcement that is due gets its
outbox (its audience, as it is when sending starts), then its mails go a batch at
a time (outbox.py says how nothing is mailed twice), each in its reader's
language, with the link that stops the session's announcements."""

from datetime import datetime
from datetime import UTC
from plone import api
from plone.app.uuid.utils import uuidToObject
from wikimooc.policy import _
from wikimooc.policy.announcements.audiences import AUDIENCES
from wikimooc.policy.announcements.outbox import BATCH_SIZE
from wikimooc.policy.announcements.outbox import claim
from wikimooc.policy.announcements.outbox import LEASE
from wikimooc.policy.announcements.outbox import record
from wikimooc.policy.announcements.outbox import send_each
from wikimooc.policy.announcements.outbox import UNREACHABLE
from wikimooc.policy.announcements.storage import announcements_of
from wikimooc.policy.announcements.storage import DELIVERED
from wikimooc.policy.announcements.storage import Delivery
from wikimooc.policy.announcements.storage import due_announcements
from wikimooc.policy.announcements.storage import Outbox
from wikimooc.policy.announcements.storage import SCHEDULED
from wikimooc.policy.announcements.storage import SENDING
from wikimooc.policy.announcements.storage import SENT
from wikimooc.policy.announcements.storage import SKIPPED
from wikimooc.policy.mail import compose
from wikimooc.policy.mail import reader_language
from wikimooc.policy.mail import send_mail
from wikimooc.policy.transactions import committed
from wikimooc.policy.unsubscribe import unsubscribe_url
from ZODB.POSException import ConflictError

import secrets
import transaction


ANNOUNCEMENTS = "announcements"  # the kind of mail, in unsubscribe links
UNSUBSCRIBE_PAGE = "announcements-unsubscribe"
RECORD_TRIES = 5


def iso(moment):
    return moment.isoformat(timespec="seconds")


def utc_now():
    return datetime.now(UTC).replace(microsecond=0)


def start(session, announcement):
    """The announcement's outbox, made with its audience when it is first sent."""
    stored = announcements_of(session)
    if announcement.status == SCHEDULED:
        usernames = AUDIENCES[announcement.audience].select(session, announcement.usernames)
        stored.outboxes[announcement.id] = Outbox(usernames)
        announcement = announcement._replace(
            status=SENDING, recipients=stored.outboxes[announcement.id].total
        )
        stored.save(announcement)
    return stored.outboxes[announcement.id]


def finish(session, announcement):
    announcements_of(session).save(announcement._replace(status=SENT, finished=iso(utc_now())))
    due_announcements().pop((announcement.send_at, session.UID(), announcement.id), None)


def mail_to(session, announcement, username):
    """Mail the announcement to the learner ``username`` now: their Delivery."""
    stored = announcements_of(session)
    enrollment = session.enrollments.learners.get(username)
    if enrollment is None:
        return Delivery(SKIPPED, iso(utc_now()), error="no longer a learner")
    member = api.user.get(userid=enrollment.user_id) if enrollment.user_id else None
    if member is None:
        return Delivery(SKIPPED, iso(utc_now()), error="no account")
    if member.getId() in stored.unsubscribed:
        return Delivery(SKIPPED, iso(utc_now()), error="unsubscribed")
    address = member.getProperty("email", "")
    if not address:
        return Delivery(SKIPPED, iso(utc_now()), error="no address")
    language = reader_language(member, session)
    link = unsubscribe_url(session, member.getId(), ANNOUNCEMENTS, UNSUBSCRIBE_PAGE)
    names = {"session": session.Title()}
    body = compose(
        (
            announcement.text,
            _("Read it on the session's page: ${url}", mapping={"url": session.absolute_url()}),
        ),
        _("You get this mail as a learner of ${session}. Stop the announcements of this"
          " session: ${url}", mapping=names),
        link,
        language,
    )
    subject = f"[{session.Title()}] {announcement.subject}"
    if not send_mail(address, subject, body, link, language=language, immediate=True):
        return Delivery(SKIPPED, iso(utc_now()), error="the site has no sender address")
    return Delivery(DELIVERED, iso(utc_now()))


def with_retries(change):
    """Commit ``change()``, again on conflicts (it must be safe to repeat)."""
    for attempt in range(RECORD_TRIES):
        try:
            result = change()
            transaction.commit()
            return result
        except ConflictError:
            transaction.abort()
            if attempt == RECORD_TRIES - 1:
                raise
    return None


# What one batch came to.
NOTHING_LEFT = "nothing left"  # sent, cancelled, or held by another worker
BATCH_SENT = "batch sent"
SERVER_UNREACHABLE = "server unreachable"


def stored_announcement(session_uid, announcement_id):
    """(session, announcement) while it is to be sent, else (None, None)."""
    session = uuidToObject(session_uid, unrestricted=True)
    stored = announcements_of(session, create=False) if session is not None else None
    announcement = stored.items.get(announcement_id) if stored is not None else None
    if announcement is None or announcement.status not in (SCHEDULED, SENDING):
        return None, None
    return session, announcement


def send_batch(session_uid, announcement_id, token, size, lease):
    """Claim the next batch (committed), mail it, record the answers (committed)."""
    transaction.begin()
    session, announcement = stored_announcement(session_uid, announcement_id)
    if session is None:
        transaction.abort()
        return NOTHING_LEFT
    outbox = start(session, announcement)
    usernames = claim(outbox, token, utc_now(), size, lease)
    if usernames == [] and outbox.done():
        finish(session, announcements_of(session).items[announcement_id])
    if not committed() or not usernames:  # another worker started or claimed it first
        return NOTHING_LEFT
    answers = send_each(usernames, lambda username: mail_to(session, announcement, username))

    def store_answers():
        stored = announcements_of(uuidToObject(session_uid, unrestricted=True))
        return record(stored.outboxes[announcement_id], token, answers, utc_now())

    with_retries(store_answers)
    return SERVER_UNREACHABLE if UNREACHABLE in answers.values() else BATCH_SENT


def send_batches(session_uid, announcement_id, size=BATCH_SIZE, lease=LEASE, batches=None):
    """Send the announcement's mails, a committed batch at a time, until none is
    left, another worker holds it, or the mail server cannot be reached (the
    minute's sweep goes on later). ``batches`` stops after that many (the tests).
    Returns how many batches this worker sent."""
    token = secrets.token_hex(8)
    sent = 0
    while batches is None or sent < batches:
        outcome = send_batch(session_uid, announcement_id, token, size, lease)
        if outcome == NOTHING_LEFT:
            break
        sent += 1
        if outcome == SERVER_UNREACHABLE:
            break
    return sent


def due_now(moment=None):
    """(session UID, announcement id) of the announcements due by ``moment``."""
    due = due_announcements(create=False)
    if due is None:
        return []
    until = iso(moment or utc_now())
    return [
        (session_uid, announcement_id)
        for _send_at, session_uid, announcement_id in due.keys(max=(until, "\uffff", "\uffff"))
    ]


def send_due(moment=None):
    """The minute's sweep: every announcement that is due, and those a dead worker
    left half sent, once its claim's lease is over."""
    for session_uid, announcement_id in due_now(moment):
        send_batches(session_uid, announcement_id)
