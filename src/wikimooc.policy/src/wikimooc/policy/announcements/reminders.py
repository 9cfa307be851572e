"""Reminders: what a learner's sessions have for them, gathered by the worker into
at most one digest a day per learner, in their language. Each kind is a function in
a small registry (``REMINDER_KINDS.register``); a session's team switches kinds off
for the session and sets after how many days of inactivity to remind; each learner
switches kinds off for themselves. What was told once (a grade, a certificate, a spell of
inactivity) is not told again; what is still owed (reviews) is, once a day.

Sending follows outbox.py: a batch of learners is claimed (their digest marked
sent today, what it tells marked told) and committed before the mails leave; a
worker killed in between leaves them without a digest that day, never with two."""

from BTrees.OOBTree import OOBTree
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from functools import cached_property
from persistent import Persistent
from plone import api
from typing import NamedTuple
from wikimooc.policy import _
from wikimooc.policy.announcements.activity import last_activities
from wikimooc.policy.announcements.outbox import BATCH_SIZE
from wikimooc.policy.announcements.outbox import send_each
from wikimooc.policy.announcements.outbox import UNREACHABLE
from wikimooc.policy.announcements.registry import Registry
from wikimooc.policy.announcements.storage import DELIVERED
from wikimooc.policy.announcements.storage import Delivery
from wikimooc.policy.certificates.storage import certificate_of
from wikimooc.policy.coursedates.agenda import due_soon
from wikimooc.policy.mail import compose
from wikimooc.policy.mail import reader_language
from wikimooc.policy.mail import send_mail
from wikimooc.policy.readable import day_message
from wikimooc.policy.readable import number_message
from wikimooc.policy.tracking.schedule import active_sessions
from wikimooc.policy.transactions import committed
from wikimooc.policy.unsubscribe import unsubscribe_url
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.peerreview.storage import exercise_uids
from wikimooc.workflows.peerreview.storage import find_round
from wikimooc.workflows.refusals import BadRequest
from zope.i18n import translate
from zope.i18nmessageid import Message

import transaction


REMINDERS_ANNOTATION = "wikimooc.reminders"
REMINDERS = "reminders"  # the kind of mail, in unsubscribe links
UNSUBSCRIBE_PAGE = "announcements-unsubscribe"
DEFAULT_INACTIVE_DAYS = 14
MOST_INACTIVE_DAYS = 365


class Item(NamedTuple):
    """One line of a digest. ``key`` names what it tells, told once; None for what
    is told each day while it lasts."""

    key: str | None
    message: Message


class ReminderKind(NamedTuple):
    name: str
    title: Message
    # (session, enrollment, SessionFacts, now) → the Items for that learner
    find: Callable


REMINDER_KINDS = Registry(ReminderKind)


class SessionSettings(Persistent):
    def __init__(self):
        self.disabled = ()  # kinds switched off for the session
        self.inactive_days = DEFAULT_INACTIVE_DAYS


class LearnerReminders(Persistent):
    """The site's: each learner's choices, their last digest, what was told."""

    def __init__(self):
        self.disabled = OOBTree()  # user id → kinds they switched off
        self.digest_sent = OOBTree()  # user id → the day (ISO) of their last digest
        self.told = OOBTree()  # (user id, kind, key) → when
        self.failed = OOBTree()  # user id → Delivery of their last failed digest


def session_settings(session, create=True):
    return annotation(session, REMINDERS_ANNOTATION, SessionSettings, create)


def learner_reminders(create=True):
    return annotation(api.portal.get(), REMINDERS_ANNOTATION, LearnerReminders, create)


def enabled_kinds(given):
    """``given``: {kind: bool}; BadRequest for unknown kinds or values."""
    if not isinstance(given, dict) or not all(
        kind in REMINDER_KINDS and isinstance(on, bool) for kind, on in given.items()
    ):
        raise BadRequest(
            400,
            _("Give the reminders as an object of kinds (${names}) and true or false.",
              mapping={"names": ", ".join(REMINDER_KINDS)}),
        )
    return given


def switched_off(current, given):
    """The kinds off after ``given`` ({kind: bool}) changed ``current``."""
    off = set(current)
    for kind, on in enabled_kinds(given).items():
        (off.discard if on else off.add)(kind)
    return tuple(sorted(off))


def set_session_reminders(session, kinds=None, inactive_days=None):
    """The teaching team's settings; BadRequest (nothing changed) for bad values."""
    settings = session_settings(session)
    disabled = switched_off(settings.disabled, kinds) if kinds is not None else settings.disabled
    if inactive_days is not None:
        if (
            not isinstance(inactive_days, int) or isinstance(inactive_days, bool)
            or not 1 <= inactive_days <= MOST_INACTIVE_DAYS
        ):
            raise BadRequest(
                400,
                _("Give the days without activity as a whole number from 1 to ${most}.",
                  mapping={"most": MOST_INACTIVE_DAYS}),
            )
        settings.inactive_days = inactive_days
    settings.disabled = disabled
    return settings


def session_reminders(session):
    settings = session_settings(session, create=False)
    disabled = settings.disabled if settings else ()
    return {
        "kinds": {kind: kind not in disabled for kind in REMINDER_KINDS},
        "inactive_days": settings.inactive_days if settings else DEFAULT_INACTIVE_DAYS,
    }


def set_learner_reminders(user_id, kinds):
    stored = learner_reminders()
    stored.disabled[user_id] = switched_off(stored.disabled.get(user_id, ()), kinds)


def learner_choices(user_id):
    stored = learner_reminders(create=False)
    disabled = stored.disabled.get(user_id, ()) if stored else ()
    return {kind: kind not in disabled for kind in REMINDER_KINDS}


# What each kind finds.


class SessionFacts:
    """What the kinds read of one session, each worked out once for all learners."""

    def __init__(self, session):
        self.session = session

    @cached_property
    def activities(self):
        return last_activities(self.session)

    @cached_property
    def reviews_owed(self):
        """user id → how many reviews they are still to give."""
        owed = defaultdict(int)
        for exercise_uid in exercise_uids(self.session):
            for reviewers in find_round(self.session, exercise_uid).pending.values():
                for reviewer in reviewers:
                    owed[reviewer] += 1
        return owed

    @cached_property
    def graded(self):
        """author's user id → their graded submissions."""
        found = defaultdict(list)
        for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            portal_type="Submission",
            path="/".join(self.session.getPhysicalPath()),
            review_state="graded",
        ):
            submission = brain._unrestrictedGetObject()
            found[submission.author].append(submission)
        return found


def reviews_owed(session, enrollment, facts, now):
    count = facts.reviews_owed.get(enrollment.user_id, 0)
    if not count:
        return []
    return [Item(None, _("Reviews you still owe: ${count}. ${url}",
                         mapping={"count": number_message(count), "url": session.absolute_url()}))]


def work_graded(session, enrollment, facts, now):
    return [
        Item(submission.UID(), _("Your work “${title}” was graded: ${url}",
                                 mapping={"title": submission.Title(),
                                          "url": submission.absolute_url()}))
        for submission in facts.graded.get(enrollment.user_id, ())
    ]


def certificate_ready(session, enrollment, facts, now):
    certificate = certificate_of(session, enrollment.username)
    if certificate is None or certificate.revocation is not None:
        return []
    return [Item(certificate.code, _("Your certificate is ready: ${url}",
                                     mapping={"url": session.absolute_url()}))]


def due_in_two_days(session, enrollment, facts, now):
    """Each exercise or quiz not done whose due day ends within 48 hours, told once
    per due date (an extension that moves it is told again)."""
    return [
        Item(f"{item.uid}@{item.due.isoformat()}", _(
            "“${title}” is due on ${date}: ${url}",
            mapping={"title": item.title, "date": day_message(item.due), "url": item.url}))
        for item in due_soon(session, enrollment.username, now, timedelta(hours=48))
    ]


def no_activity(session, enrollment, facts, now):
    """Once per spell of inactivity (its key is when it began), after the session's
    number of days, counted from the later of the session's start and the
    learner's last activity or enrollment."""
    days = session_reminders(session)["inactive_days"]
    start = datetime.combine(session.start, datetime.min.time(), UTC)
    last = max(
        start,
        facts.activities.get(enrollment.username) or datetime.fromisoformat(enrollment.enrolled),
    )
    if now - last < timedelta(days=days):
        return []
    return [Item(last.date().isoformat(), _(
        "You have done nothing in this session for ${days} days. Pick up where you left"
        " off: ${url}",
        mapping={"days": number_message((now - last).days), "url": session.absolute_url()}))]


REMINDER_KINDS.register("due_soon", _("Work due within 48 hours"), due_in_two_days)
REMINDER_KINDS.register("reviews_owed", _("Reviews you still owe"), reviews_owed)
REMINDER_KINDS.register("work_graded", _("Your work was graded"), work_graded)
REMINDER_KINDS.register("certificate_ready", _("Your certificate is ready"), certificate_ready)
REMINDER_KINDS.register("no_activity", _("No activity for a while"), no_activity)


# The digests.


class Digest(NamedTuple):
    user_id: str
    sessions: list  # [(session, [(kind name, Item)])]


def gather(now):
    """user id → Digest of what is new for them, from every active session; none
    for those who had theirs today."""
    stored = learner_reminders(create=False)
    told = stored.told if stored else {}
    off = stored.disabled if stored else {}
    sent = stored.digest_sent if stored else {}
    today = now.date().isoformat()
    digests = {}
    for session in active_sessions(now.date()):
        if session.start > now.date():
            continue
        facts = SessionFacts(session)
        switched_on = session_reminders(session)["kinds"]
        for enrollment in session.enrollments.learners.values():
            user_id = enrollment.user_id
            if not user_id or sent.get(user_id) == today:
                continue
            lines = [
                (kind.name, item)
                for kind in REMINDER_KINDS.values()
                if switched_on[kind.name] and kind.name not in off.get(user_id, ())
                for item in kind.find(session, enrollment, facts, now)
                if item.key is None or (user_id, kind.name, item.key) not in told
            ]
            if lines:
                digests.setdefault(user_id, Digest(user_id, [])).sessions.append((session, lines))
    return digests


def claim_digests(digests, today, now):
    """Mark the digests of those not yet sent one today as sent, and their lines
    told: the ones to send."""
    stored = learner_reminders()
    claimed = []
    for digest in digests:
        if stored.digest_sent.get(digest.user_id) == today:
            continue
        stored.digest_sent[digest.user_id] = today
        for _session, lines in digest.sessions:
            for kind, item in lines:
                if item.key is not None:
                    stored.told[(digest.user_id, kind, item.key)] = now.isoformat()
        claimed.append(digest)
    return claimed


def unclaim(stored, digest):
    del stored.digest_sent[digest.user_id]
    for _session, lines in digest.sessions:
        for kind, item in lines:
            stored.told.pop((digest.user_id, kind, item.key), None)


def mail_digest(digest):
    member = api.user.get(userid=digest.user_id)
    address = member.getProperty("email", "") if member is not None else ""
    if not address:
        return Delivery("skipped", datetime.now(UTC).isoformat(), error="no address")
    first = digest.sessions[0][0]
    language = reader_language(member, first)
    link = unsubscribe_url(first, digest.user_id, REMINDERS, UNSUBSCRIBE_PAGE)
    paragraphs = []
    for session, lines in digest.sessions:
        paragraphs.append("\n".join(
            [session.Title() + ":"]
            + ["- " + translate(item.message, target_language=language) for _kind, item in lines]
        ))
    body = compose(
        paragraphs,
        _("You get this digest at most once a day as a learner. Choose your reminders or"
          " stop them: ${url}"),
        link,
        language,
    )
    subject = translate(_("Your WikiMOOC reminders"), target_language=language)
    send_mail(address, subject, body, link, language=language, immediate=True)
    return Delivery(DELIVERED, datetime.now(UTC).isoformat())


def send_batch(digests, today, now):
    """Claim these digests (committed), mail them, record the answers (committed):
    how many were mailed, and whether the server could be reached."""
    claimed = {digest.user_id: digest for digest in claim_digests(digests, today, now)}
    if not committed():  # another worker claimed these first: they are theirs
        return 0, True
    answers = send_each(list(claimed), lambda user_id: mail_digest(claimed[user_id]))
    stored = learner_reminders()
    mailed = 0
    for user_id, answer in answers.items():
        if answer == UNREACHABLE:  # tried again at the next run
            unclaim(stored, claimed[user_id])
        elif answer.status == DELIVERED:
            mailed += 1
        else:
            stored.failed[user_id] = answer
    transaction.commit()
    return mailed, UNREACHABLE not in answers.values()


def send_reminders(now=None, size=BATCH_SIZE):
    """Gather every learner's digest, then send them a committed batch at a time.
    Returns how many digests were mailed."""
    now = now or datetime.now(UTC)
    today = now.date().isoformat()
    digests = list(gather(now).values())
    mailed = 0
    for start in range(0, len(digests), size):
        count, reachable = send_batch(digests[start:start + size], today, now)
        mailed += count
        if not reachable:
            break
    return mailed
