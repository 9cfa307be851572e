"""How much of a lesson's videos each learner watched, kept per session outside the
lesson (as quiz attempts are): an OOBTree in an annotation of the session, keyed by
(lesson UID, wiki username), one immutable Watched each. Learners watching at once
change different keys, which the BTree merges. A lesson with a ``watched_share``
(per cent) counts as done once a learner's player reported that share; done stays
done."""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import UTC
from persistent import Persistent
from plone import api
from typing import NamedTuple
from wikimooc.policy import _
from wikimooc.policy.quiz.attempts import learner_sessions
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import LoginRequired
from wikimooc.workflows.refusals import NotPermitted


WATCHING_ANNOTATION = "wikimooc.policy.video.watching"
MAX_SECONDS = 24 * 3600
MIN_GAIN = 1.0  # per cent: a smaller gain is not written


class Watched(NamedTuple):
    share: float  # 0..100, the largest share reported
    done: bool
    updated: str


class Watching(Persistent):
    def __init__(self):
        self.watched = OOBTree()

    def of(self, lesson_uid, username):
        return self.watched.get((lesson_uid, username))

    def record(self, lesson_uid, username, share, threshold):
        before = self.of(lesson_uid, username)
        share = max(share, before.share if before else 0.0)
        done = bool(before and before.done) or bool(threshold and share >= threshold)
        after = Watched(round(share, 1), done,
                        datetime.now(UTC).isoformat(timespec="seconds"))
        # Players report often: the database is written when something worth it changed.
        if before is None or done != before.done or after.share - before.share >= MIN_GAIN:
            self.watched[(lesson_uid, username)] = after
        return after


def watching_of(session, create=True):
    return annotation(session, WATCHING_ANNOTATION, Watching, create=create)


def watched(session, lesson, username):
    stored = watching_of(session, create=False)
    return stored.of(lesson.UID(), username) if stored is not None else None


def watching_session(lesson, member, session_id=None):
    """(session, wiki username) in which ``member`` watches ``lesson``; Refused else."""
    if api.user.is_anonymous():
        raise LoginRequired(401, _("Log in so that your watching counts."))
    username, sessions = learner_sessions(lesson, member)
    if session_id:
        sessions = [session for session in sessions if session.getId() == session_id]
    if not sessions:
        raise NotPermitted(
            403, _("Only the learners of a session of this course have their watching"
                   " counted."))
    if len(sessions) > 1:
        raise BadRequest(
            400, _("You are a learner of several sessions of this course: say which one."))
    return sessions[0], username


def watched_share(seconds, duration):
    """The share (per cent) ``seconds`` watched are of ``duration``; BadRequest for
    anything but two numbers with 0 <= seconds, 0 < duration."""
    numbers = all(isinstance(value, int | float) and not isinstance(value, bool)
                  for value in (seconds, duration))
    if not numbers or not 0 <= seconds <= MAX_SECONDS or not 0 < duration <= MAX_SECONDS:
        raise BadRequest(400, _("Give \"seconds\" watched and the video's \"duration\","
                                " in seconds."))
    return min(100.0, 100.0 * seconds / duration)


def report_watching(lesson, session, username, seconds, duration):
    """Record what ``username``'s player reported; the Watched it leaves."""
    share = watched_share(seconds, duration)
    return watching_of(session).record(lesson.UID(), username, share,
                                       lesson.watched_share or 0)


def watched_done(session, lesson, username):
    """Whether ``lesson`` counts as done for ``username`` in ``session``."""
    if not getattr(lesson, "watched_share", 0):
        return False
    found = watched(session, lesson, username)
    return bool(found and found.done)


def counted_lessons(course):
    """The lessons of ``course`` that count as done once watched, in course order."""
    return [
        lesson
        for module in course.objectValues() if module.portal_type == "Module"
        for lesson in module.objectValues()
        if lesson.portal_type == "Lesson" and getattr(lesson, "watched_share", 0)
    ]
