"""A teaching team's announcements: writing one (now or at a set time, to an
audience), cancelling it while it waits, the session's history, and what a learner
sees. Writing only records it: the worker sends it (sending.py), so the request
takes the same time at 10,000 learners as at 10."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from wikimooc.policy import _
from wikimooc.policy.announcements.audiences import audience
from wikimooc.policy.announcements.storage import Announcement
from wikimooc.policy.announcements.storage import announcements_of
from wikimooc.policy.announcements.storage import CANCELLED
from wikimooc.policy.announcements.storage import DELIVERY_STATUSES
from wikimooc.policy.announcements.storage import due_announcements
from wikimooc.policy.announcements.storage import FAILED
from wikimooc.policy.announcements.storage import SCHEDULED
from wikimooc.policy.announcements.storage import SENDING
from wikimooc.policy.announcements.storage import SENT
from wikimooc.policy.enrollment import valid_wiki_username
from wikimooc.policy.taskqueue.queue import enqueue_after_commit
from wikimooc.policy.taskqueue.tasks import send_announcement
from wikimooc.policy.usernames import normalise_usernames
from wikimooc.policy.usernames import split_pasted_names
from wikimooc.workflows.permissions import MANAGE_ENROLLMENTS
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import NotPermitted
from wikimooc.workflows.refusals import Refused

import secrets
import time


MAX_SUBJECT = 200
MAX_TEXT = 20000
# A time "now" typed a little late is still now, not refused as past.
PAST_TOLERANCE = timedelta(minutes=5)


class AnnouncementRefused(Refused):
    """An announcement that cannot be changed so (409), or is not there (404)."""

    error_type = "AnnouncementRefused"


def now():
    return datetime.now(UTC).replace(microsecond=0)


def iso(moment):
    return moment.isoformat(timespec="seconds")


def may_announce(session):
    return api.user.has_permission(MANAGE_ENROLLMENTS, obj=session)


def required_text(value, most, message):
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise BadRequest(400, message)
    if len(text) > most:
        raise BadRequest(
            400, _("Write at most ${count} characters here.", mapping={"count": most})
        )
    return text


def sending_time(value):
    """``value`` (ISO 8601; UTC when it names no offset; empty for now) as an aware
    datetime that is not in the past."""
    if value in (None, ""):
        return now()
    try:
        when = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        when = None
    if when is None:
        raise BadRequest(
            400, _("Give the sending time as a date and time, e.g. 2027-03-01T09:00.")
        )
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    if when < now() - PAST_TOLERANCE:
        raise BadRequest(400, _("The sending time is past: choose a later one, or send now."))
    return when.replace(microsecond=0)


def listed_usernames(session, given):
    """The pasted names (text, or a list of texts) as learners' wiki usernames;
    BadRequest naming those that are no learner of the session."""
    names = split_pasted_names(given) if isinstance(given, str) else given
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise BadRequest(400, _("Give the wiki usernames as a list of names."))
    results = normalise_usernames(names)
    unknown = [
        result.given for result in results
        if result.name is None or result.name not in session.enrollments
    ]
    if unknown:
        raise BadRequest(
            400,
            _("These are not learners of this session: ${names}.",
              mapping={"names": ", ".join(unknown)}),
        )
    usernames = tuple(dict.fromkeys(result.name for result in results))
    if not usernames:
        raise BadRequest(400, _("Paste the wiki usernames of the learners to write to."))
    return usernames


def announcement_id():
    """Unique, and in the order announcements were written (milliseconds first)."""
    return f"{time.time_ns() // 1_000_000:x}{secrets.token_hex(3)}"


def announce(session, subject, text, audience_name="everyone", usernames=None, send_at=None):
    """Record an announcement by the current member; the worker sends it when due
    (at once when it is due now). Refused before anything is recorded."""
    if not may_announce(session):
        raise NotPermitted(403, _("Only the session's teaching team writes announcements."))
    subject = required_text(subject, MAX_SUBJECT, _("Give the announcement a subject."))
    text = required_text(text, MAX_TEXT, _("Write the text of the announcement."))
    chosen = audience(audience_name)
    listed = listed_usernames(session, usernames) if chosen.name == "usernames" else ()
    when = sending_time(send_at)
    created = now()
    announcement = Announcement(
        id=announcement_id(),
        author=api.user.get_current().getId(),
        subject=subject,
        text=text,
        audience=chosen.name,
        usernames=listed,
        send_at=iso(when),
        created=iso(created),
        status=SCHEDULED,
    )
    announcements_of(session).save(announcement)
    due_announcements()[(announcement.send_at, session.UID(), announcement.id)] = None
    if when <= created:
        enqueue_after_commit(send_announcement, api.portal.get().getId(), session.UID(),
                             announcement.id)
    return announcement


def announcement_of(session, announcement_id):
    stored = announcements_of(session, create=False)
    found = (
        stored.items.get(announcement_id)
        if stored is not None and isinstance(announcement_id, str) else None
    )
    if found is None:
        raise AnnouncementRefused(404, _("This session has no such announcement."))
    return found


def cancel(session, announcement_id):
    """Cancel an announcement that waits to be sent; refused once sending started."""
    if not may_announce(session):
        raise NotPermitted(403, _("Only the session's teaching team writes announcements."))
    announcement = announcement_of(session, announcement_id)
    if announcement.status != SCHEDULED:
        raise AnnouncementRefused(
            409, _("Only an announcement that waits to be sent can be cancelled.")
        )
    cancelled = announcement._replace(status=CANCELLED, finished=iso(now()))
    announcements_of(session).save(cancelled)
    due_announcements().pop((announcement.send_at, session.UID(), announcement.id), None)
    return cancelled


def history(session):
    """Every announcement of the session, the latest first, with what became of its
    mails (the teaching team's view)."""
    stored = announcements_of(session, create=False)
    if stored is None:
        return []
    found = [
        (announcement, delivery_counts(session, announcement.id))
        for announcement in stored.items.values()
    ]
    return sorted(found, key=lambda pair: (pair[0].send_at, pair[0].id), reverse=True)


def delivery_counts(session, announcement_id):
    """{delivery status: how many recipients have it} (all 0 before sending)."""
    stored = announcements_of(session, create=False)
    outbox = stored.outboxes.get(announcement_id) if stored else None
    return {status: outbox.count(status) if outbox else 0 for status in DELIVERY_STATUSES}


def failures(session, announcement_id):
    """(wiki username, Delivery) of each recipient whose mail failed."""
    announcement = announcement_of(session, announcement_id)
    outbox = announcements_of(session).outboxes.get(announcement.id)
    if outbox is None:
        return []
    return [
        (username, delivery) for username, delivery in outbox.deliveries.items()
        if delivery.status == FAILED
    ]


def addressed_to(session, member):
    """The announcements sent (or being sent) to ``member``, the latest first."""
    stored = announcements_of(session, create=False)
    username = (
        valid_wiki_username(member)
        if member is not None and not api.user.is_anonymous() else None
    )
    if stored is None or username is None or username not in session.enrollments:
        return []
    found = [
        announcement for announcement in stored.items.values()
        if announcement.status in (SENDING, SENT)
        and username in stored.outboxes[announcement.id].recipients
    ]
    return sorted(
        found, key=lambda announcement: (announcement.send_at, announcement.id), reverse=True
    )
