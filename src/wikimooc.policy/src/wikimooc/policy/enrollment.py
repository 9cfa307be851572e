"""Who is enrolled in a session, kept so that an enrollment costs the same at 10,000
learners as at 10 and two learners enrolling at once rarely conflict.

Learners are keyed by their normalised wiki username in an OOBTree (concurrent
inserts of different keys are resolved by the BTree's conflict resolution) and counted
by a BTrees Length (concurrent increments are resolved too). Neither lives on the
session object itself, so enrolling never rewrites or reindexes the session.
Concurrent enrollments that still conflict (a bucket split, a changed inner node)
are retried by Zope's publisher: a learner never sees the conflict.
Members also join the session's learners group (wikimooc.policy.pas), which holds
the Learner local role on the session: that is what lets them see a private session.
"""

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import UTC
from persistent import Persistent
from plone import api
from typing import NamedTuple
from wikimooc.policy import _
from wikimooc.policy.content.site_sessions import every_session
from wikimooc.policy.identity.directory import userid_for_wiki_username
from wikimooc.policy.pas import LEARNERS_GROUP_PREFIX
from wikimooc.policy.pas import learners_groups
from wikimooc.policy.usernames import InvalidUsername
from wikimooc.policy.usernames import normalise_username
from wikimooc.policy.usernames import normalise_usernames
from wikimooc.workflows.permissions import ENROLL_IN_SESSION
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import Refused

import hmac


class Enrollment(NamedTuple):
    """One learner's enrollment. A tuple, not a dict: BTrees can only resolve
    concurrent inserts when the stored values are comparable."""

    username: str
    user_id: str | None
    enrolled: str
    added_by: str | None


class Enrollments(Persistent):
    def __init__(self):
        self.learners = OOBTree()
        self.count = Length()

    def __len__(self):
        return self.count()

    def __contains__(self, username):
        return username in self.learners

    def add(self, username, user_id, added_by):
        enrolled = datetime.now(UTC).isoformat(timespec="seconds")
        self.learners[username] = Enrollment(username, user_id, enrolled, added_by)
        self.count.change(1)

    def remove(self, username):
        del self.learners[username]
        self.count.change(-1)


class LearnerSequence:
    """The session's learners as the sized, sliceable sequence batching needs,
    without walking the whole BTree to count them."""

    def __init__(self, enrollments):
        self.enrollments = enrollments

    def __len__(self):
        return len(self.enrollments)

    def __getitem__(self, index):
        return self.enrollments.learners.values()[index]


class EnrollmentRefused(Refused):
    """``reason`` says why (wrong_key, not_invited, full, no_username, taken)."""

    error_type = "EnrollmentRefused"

    def __init__(self, reason, status, message):
        super().__init__(status, message)
        self.reason = reason


class NotEnrolled(EnrollmentRefused):
    """Leaving a session one is not in: nothing to undo, so a warning on a page."""

    error_type = "NotEnrolled"
    message_type = "warning"

    def __init__(self):
        super().__init__("not_enrolled", 404, _("You are not enrolled in this session."))


def learners_group_id(session):
    return LEARNERS_GROUP_PREFIX + session.UID()


def session_uids(group_ids):
    """The UIDs of the sessions whose learners groups are among ``group_ids``."""
    return [
        group_id[len(LEARNERS_GROUP_PREFIX):]
        for group_id in group_ids if group_id.startswith(LEARNERS_GROUP_PREFIX)
    ]


def wiki_username_of(member):
    """The member's wiki username: the one single sign-on recorded, else the login."""
    recorded = member.getProperty("wiki_username", "") or member.getUserName()
    return normalise_username(recorded)


def member_for_wiki_username(username):
    """The member with that wiki username: the Wikimedia account's member, else the
    member whose login is that name (logins often start lower case where wiki names
    cannot)."""
    if userid := userid_for_wiki_username(username):
        return api.user.get(userid=userid)
    for login in dict.fromkeys((username, username[0].lower() + username[1:])):
        member = api.user.get(username=login)
        if member is not None and wiki_username_of(member) == username:
            return member
    return None


def refusal(session, username, key=None, check_key=True):
    """Why ``username`` may not enroll in ``session`` now, or None."""
    policy = session.enrollment_policy
    if (
        check_key
        and policy == "key"
        # A key that is no text (a list, a number in a JSON body) is a wrong key.
        and not hmac.compare_digest(
            (key if isinstance(key, str) else "").encode(), (session.enrollment_key or "").encode()
        )
    ):
        return EnrollmentRefused("wrong_key", 403, _("The enrollment key is wrong."))
    if policy == "invitation" and username not in invited_usernames(session):
        return EnrollmentRefused(
            "not_invited", 403, _("This session is by invitation only and you are not invited.")
        )
    if session.capacity and len(session.enrollments) >= session.capacity:
        return EnrollmentRefused("full", 409, _("This session is full."))
    return None


def enroll(session, member, key=None):
    """Enroll ``member``; return False when already enrolled, raise EnrollmentRefused.

    A learner a teacher added by wiki username before they had an account is linked
    to it here, which gives them access."""
    try:
        username = wiki_username_of(member)
    except InvalidUsername as invalid:
        raise EnrollmentRefused(
            "no_username", 403, _("Your account has no valid wiki username to enroll with.")
        ) from invalid
    enrollments = session.enrollments
    existing = enrollments.learners.get(username)
    if existing is not None:
        if not link_to_member(session, existing, member.getId()):
            raise EnrollmentRefused(
                "taken", 409,
                _("The enrollment of ${name} in this session belongs to another account.",
                  mapping={"name": username}),
            )
        return False
    refused = refusal(session, username, key)
    if refused:
        raise refused
    if session.capacity:
        # The learners BTree and the Length both merge concurrent enrollments, so two
        # racing for the last seat would both commit: writing this small object, which
        # has no conflict resolution, makes them conflict and Zope retry the later one.
        enrollments._p_changed = True
    enrollments.add(username, member.getId(), added_by=member.getId())
    learners_groups().join(member.getId(), learners_group_id(session))
    return True


def leave(session, member):
    """Unenroll ``member``; return False when they were not enrolled."""
    if not is_enrolled(session, member):
        return False
    username = wiki_username_of(member)
    session.enrollments.remove(username)
    learners_groups().leave(member.getId(), learners_group_id(session))
    return True


def add_learners(session, names, added_by):
    """Enroll wiki usernames on a teacher's behalf: one result dict per name given.

    Teachers are not bound by the key, the invitation list or the capacity.
    """
    results = []
    for result in normalise_usernames(names):
        if result.name is None:
            results.append({"given": result.given, "status": "invalid", "reason": result.reason})
            continue
        entry = {"given": result.given, "name": result.name}
        if result.name in session.enrollments:
            results.append({**entry, "status": "already_enrolled"})
            continue
        member = member_for_wiki_username(result.name)
        session.enrollments.add(
            result.name, member.getId() if member else None, added_by=added_by
        )
        if member:
            learners_groups().join(member.getId(), learners_group_id(session))
        results.append({**entry, "status": "added"})
    return results


def remove_learner(session, username):
    """A teacher takes the wiki username ``username`` out of the session: its
    enrollment goes and its member, if any, leaves the learners group (and with it
    the session, if private); the username. EnrollmentRefused when it is not a
    learner's. What the checks already saw of their edits stays in the session's
    history."""
    enrollment = (
        session.enrollments.learners.get(username) if isinstance(username, str) else None
    )
    if enrollment is None:
        raise EnrollmentRefused(
            "not_a_learner", 404,
            _("${name} is not a learner of this session.", mapping={"name": str(username)}),
        )
    session.enrollments.remove(username)
    if enrollment.user_id:
        learners_groups().leave(enrollment.user_id, learners_group_id(session))
    return username


def invited_usernames(session):
    invited = set()
    for result in normalise_usernames(session.invited or []):
        if result.name:
            invited.add(result.name)
    return invited


def learner_username(session, given):
    """``given`` as the wiki username of one of the session's learners, or None."""
    try:
        username = normalise_username(given)
    except InvalidUsername:
        return None
    return username if username in session.enrollments else None


def enrolled_username(session, given):
    """As ``learner_username``, for a learner the request names: BadRequest when
    ``given`` is no learner of the session."""
    username = learner_username(session, given)
    if username is None:
        raise BadRequest(
            400, _("${name} is not a learner of this session.", mapping={"name": given})
        )
    return username


def valid_wiki_username(member):
    """The member's wiki username, or None when their account has no valid one."""
    try:
        return wiki_username_of(member)
    except InvalidUsername:
        return None


def enrollment_state(session):
    """What the current visitor can do about ``session``: log_in, closed, enrolled,
    can_enroll, no_username, or why they may not enroll (full, not_invited)."""
    if api.user.is_anonymous():
        return "log_in" if api.content.get_state(session) == "open" else "closed"
    member = api.user.get_current()
    if is_enrolled(session, member):
        return "enrolled"
    if not api.user.has_permission(ENROLL_IN_SESSION, obj=session):
        return "closed"
    try:
        refused = refusal(session, wiki_username_of(member), check_key=False)
    except InvalidUsername:
        return "no_username"
    return refused.reason if refused else "can_enroll"


def is_enrolled(session, member):
    """Whether the session has an enrollment under the member's wiki username that
    is theirs: linked to them, or to no member yet (a teacher added the name)."""
    username = valid_wiki_username(member)
    if username is None:
        return False
    enrollment = session.enrollments.learners.get(username)
    return enrollment is not None and enrollment.user_id in (None, member.getId())


def sessions_enrolling(username):
    """Every session where ``username`` is enrolled, whoever may see it."""
    return (session for session in every_session() if username in session.enrollments)


def link_enrollments(username, user_id):
    """Give a member the enrollments a teacher made under their wiki username
    before they had an account; those of another member stay theirs."""
    for session in sessions_enrolling(username):
        link_to_member(session, session.enrollments.learners[username], user_id)


def link_to_member(session, enrollment, user_id):
    """``enrollment`` (of a wiki username) is the member ``user_id``'s from now on: the
    learners group gives them access to the session. Return whether it is theirs.

    The link is made once: an enrollment of another member is never given to
    ``user_id``, whatever wiki username they have now. Renames move enrollments to
    the new name with their member (rename_learner), they do not relink them."""
    if enrollment.user_id == user_id:
        return True
    if enrollment.user_id is not None:
        return False
    session.enrollments.learners[enrollment.username] = enrollment._replace(user_id=user_id)
    learners_groups().join(user_id, learners_group_id(session))
    return True


def renormalise_enrollments(session):
    """Move enrollments stored under a name that normalise_username now writes
    otherwise (bidi controls, other spaces, character references) to that name;
    return the (old, new) pairs moved. One already enrolled under the new name
    keeps its enrollment, and the other stays as it was, for a teacher to remove."""
    moved = []
    learners = session.enrollments.learners
    for username in list(learners.keys()):
        try:
            canonical = normalise_username(username)
        except InvalidUsername:
            continue
        if canonical == username or canonical in learners:
            continue
        enrollment = learners[username]
        del learners[username]
        learners[canonical] = enrollment._replace(username=canonical)
        moved.append((username, canonical))
    return moved


def rename_learner(old, new, user_id):
    """The wiki account of member ``user_id`` was renamed (its login proved it by its
    central id): its enrollments follow it to the new name. Enrollments of ``old``
    that are another member's stay where they are."""
    for session in list(sessions_enrolling(old)):
        enrollment = session.enrollments.learners[old]
        if enrollment.user_id not in (None, user_id):
            continue
        session.enrollments.remove(old)
        if new not in session.enrollments:
            session.enrollments.learners[new] = enrollment._replace(username=new)
            session.enrollments.count.change(1)
