"""To whom an announcement goes: a small registry of named audiences, each a
function of the session (and, for a list, the names a teacher pasted) that gives
the wiki usernames of the learners it reaches. Another feature adds its own with
``AUDIENCES.register``."""

from collections.abc import Callable
from typing import NamedTuple
from wikimooc.policy import _
from wikimooc.policy.announcements.activity import last_activities
from wikimooc.policy.announcements.registry import Registry
from wikimooc.policy.certificates.storage import session_certificates
from wikimooc.policy.coursedates.agenda import agenda
from wikimooc.policy.coursedates.agenda import HandIns
from wikimooc.policy.coursedates.rules import clock
from wikimooc.policy.coursedates.rules import plan
from wikimooc.workflows.refusals import BadRequest
from zope.i18nmessageid import Message


class Audience(NamedTuple):
    name: str
    title: Message
    # (session, usernames given) → the wiki usernames of the learners it reaches
    select: Callable


AUDIENCES = Registry(Audience)


def audience(name):
    """The registered audience ``name``; BadRequest for any other."""
    if not isinstance(name, str) or name not in AUDIENCES:
        raise BadRequest(
            400,
            _("Choose the audience among: ${names}.", mapping={"names": ", ".join(AUDIENCES)}),
        )
    return AUDIENCES[name]


def learners(session):
    return list(session.enrollments.learners.keys())


def everyone(session, usernames):
    return learners(session)


def not_started(session, usernames):
    """Those who did nothing in the session yet (activity.last_activities)."""
    active = last_activities(session)
    return [username for username in learners(session) if username not in active]


def certified_usernames(session):
    return {
        certificate.wiki_username
        for certificate in session_certificates(session)
        if certificate is not None and certificate.revocation is None
    }


def certified(session, usernames):
    found = certified_usernames(session)
    return [username for username in learners(session) if username in found]


def not_certified(session, usernames):
    found = certified_usernames(session)
    return [username for username in learners(session) if username not in found]


def behind_schedule(session, usernames):
    """Those with missing work: an exercise or quiz not done whose due date (their
    extension counted) has passed. None in a session without a schedule."""
    now, planned, hand_ins = clock(), plan(session), HandIns(session)
    return [
        username for username in learners(session)
        if any(item.status == "late"
               for item in agenda(session, username, now, planned, hand_ins))
    ]


def listed(session, usernames):
    """The names pasted, already checked to be the session's learners."""
    return [username for username in usernames if username in session.enrollments]


AUDIENCES.register("everyone", _("Every learner"), everyone)
AUDIENCES.register("not_started", _("Learners who have not started"), not_started)
AUDIENCES.register("behind_schedule", _("Learners behind schedule"), behind_schedule)
AUDIENCES.register("certified", _("Learners with a certificate"), certified)
AUDIENCES.register("not_certified", _("Learners without a certificate"), not_certified)
AUDIENCES.register("usernames", _("The wiki usernames below"), listed)
