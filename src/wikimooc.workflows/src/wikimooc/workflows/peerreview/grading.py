"""A submission's grade, and the workflow state it leads to.

The grade is the median of the counted reviews' points once the submission has the
reviews its exercise requires, or at least one after it has waited longer than the
session's flexible-grading days; a grade from the teaching team wins over both.
"""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from statistics import median
from typing import NamedTuple
from wikimooc.workflows.content.review import IReview
from wikimooc.workflows.peerreview.relations import exercise_of
from wikimooc.workflows.peerreview.relations import peer_review_settings
from wikimooc.workflows.peerreview.relations import round_of
from wikimooc.workflows.peerreview.relations import rubric_of
from wikimooc.workflows.peerreview.relations import session_of


HANDED_IN_STATES = ("submitted", "in_review", "graded")


class TeacherGrade(NamedTuple):
    points: float
    reason: str
    actor: str
    time: str


class Grade(NamedTuple):
    points: float
    by_teacher: bool
    reviews: int  # the counted reviews


def rubric_maximum(criteria):
    return sum(max(level["points"] for level in criterion["levels"]) for criterion in criteria)


def reviews_in(submission):
    return [item for item in submission.objectValues() if IReview.providedBy(item)]


def counted_points(submission):
    return [
        review.points
        for review in reviews_in(submission)
        if api.content.get_state(review) == "counted"
    ]


def handed_in_at(submission):
    round = round_of(submission)
    entry = round.handed_in.get(submission.UID()) if round is not None else None
    return datetime.fromisoformat(entry.time) if entry else None


def overdue(handed_in, session):
    """Whether work handed in at ``handed_in`` has waited past the session's
    flexible-grading days."""
    waited = datetime.now(UTC) - handed_in
    return waited > timedelta(days=session.flexible_grading_days)


def reviews_needed(submission):
    handed_in = handed_in_at(submission)
    if handed_in is not None and overdue(handed_in, session_of(submission)):
        return 1
    return peer_review_settings(exercise_of(submission)).reviews_required


def grade(submission):
    """The submission's Grade, or None while it has none."""
    if api.content.get_state(submission) not in HANDED_IN_STATES:
        return None
    points = counted_points(submission)
    if submission.teacher_grade is not None:
        return Grade(submission.teacher_grade.points, True, len(points))
    if points and len(points) >= reviews_needed(submission):
        return Grade(median(points), False, len(points))
    return None


def out_of(submission):
    return rubric_maximum(rubric_of(exercise_of(submission)))


def expected_review_state(submission):
    state = api.content.get_state(submission)
    if state not in HANDED_IN_STATES:
        return state
    if grade(submission) is not None:
        return "graded"
    round = round_of(submission)
    if state == "submitted" and not (round and round.reviewers_of(submission.UID())):
        return "submitted"
    return "in_review"


def advance(submission):
    """Bring the submission's state in line with its reviews and grade."""
    expected = expected_review_state(submission)
    if expected != api.content.get_state(submission):
        api.content.transition(obj=submission, to_state=expected)
