"""From a submission to what it belongs to, whoever is asking: peer review runs on
data the current user may not see (another learner's work, an unpublished course)."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.app.uuid.utils import uuidToObject
from types import SimpleNamespace
from wikimooc.workflows.behaviors import IPeerReviewExercise
from wikimooc.workflows.peerreview.storage import find_round
from zope.schema import getFields


def session_of(submission):
    return aq_parent(aq_inner(submission))


def by_uid(uid):
    return uuidToObject(uid, unrestricted=True) if uid else None


def exercise_of(submission):
    return by_uid(submission.exercise)


def round_of(submission):
    return find_round(session_of(submission), submission.exercise)


DEFAULT_SETTINGS = SimpleNamespace(
    **{name: field.default for name, field in getFields(IPeerReviewExercise).items()}
)


def peer_review_settings(exercise):
    """The exercise's peer-review settings (its IPeerReviewExercise behavior: the
    rubric, the reviews each submission needs and each learner gives); the defaults
    if the exercise is gone."""
    if exercise is None:
        return DEFAULT_SETTINGS
    return IPeerReviewExercise(exercise)


def rubric_of(exercise):
    """The criteria of the exercise's rubric."""
    return (peer_review_settings(exercise).rubric or {}).get("criteria") or []
