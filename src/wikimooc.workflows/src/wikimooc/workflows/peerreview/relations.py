"""From a submission to what it belongs to, whoever is asking: peer review runs on
data the current user may not see (another learner's work, an unpublished course)."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.app.uuid.utils import uuidToObject
from wikimooc.workflows.behaviors import IPeerReviewExercise
from wikimooc.workflows.peerreview.storage import find_round


def session_of(submission):
    return aq_parent(aq_inner(submission))


def by_uid(uid):
    return uuidToObject(uid, unrestricted=True) if uid else None


def exercise_of(submission):
    return by_uid(submission.exercise)


def round_of(submission):
    return find_round(session_of(submission), submission.exercise)


def exercise_setting(exercise, name):
    """A peer-review setting of the exercise; its default if the exercise is gone."""
    if exercise is None:
        return IPeerReviewExercise[name].default
    return getattr(exercise, name)


def rubric_of(exercise):
    return (getattr(exercise, "rubric", None) or {}).get("criteria") or []
