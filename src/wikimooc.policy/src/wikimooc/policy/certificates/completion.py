"""Whether a learner completed a session, as its certificate settings say: each
chosen exercise checked on the wiki done (by an edit check or a teacher's
decision), each peer-reviewed one graded at least the minimum grade, and, when the
settings say so, the overall grade of the grade book at least the pass mark."""

from plone.app.uuid.utils import uuidToObject
from typing import NamedTuple
from wikimooc.policy.certificates.settings import ICertificateSettings
from wikimooc.policy.grades.results import SessionResults
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.workflows.peerreview.actions import submission_of
from wikimooc.workflows.peerreview.grading import grade
from wikimooc.workflows.peerreview.grading import out_of


class Requirement(NamedTuple):
    exercise: object
    done: bool
    # Peer-reviewed exercises: the grade, in percent of the rubric's maximum.
    grade: float | None = None


def required_exercises(session):
    """The exercises the session's certificate requires (those removed since left out)."""
    if not ICertificateSettings.providedBy(session):
        return []
    found = (uuidToObject(uid, unrestricted=True) for uid in session.certificate_exercises or ())
    return [exercise for exercise in found if exercise is not None]


def grade_percent(session, exercise, user_id):
    submission = submission_of(session, exercise.UID(), user_id) if user_id else None
    found = grade(submission) if submission is not None else None
    if found is None:
        return None
    maximum = out_of(submission)
    return 100.0 * found.points / maximum if maximum else 100.0


def requirements(session, username, user_id):
    """The learner's Requirement for each exercise the certificate requires."""
    tracking = tracking_of(session, create=False)
    found = []
    for exercise in required_exercises(session):
        if exercise.check == "peer":
            percent = grade_percent(session, exercise, user_id)
            passed = percent is not None and percent >= session.certificate_minimum_grade
            found.append(Requirement(exercise, passed, percent))
        else:
            progress = tracking.progress.get((username, exercise.UID())) if tracking else None
            found.append(Requirement(exercise, bool(progress and progress.done)))
    return found


class GradeRequirement(NamedTuple):
    grade: float | None  # percent
    pass_mark: float
    done: bool


def requires_pass_mark(session):
    return ICertificateSettings.providedBy(session) and bool(
        getattr(session, "certificate_requires_pass_mark", False)
    )


def grade_requirement(session, username, results=None):
    """The learner's GradeRequirement, when the certificate requires the pass mark;
    ``results``, the session's SessionResults, when many learners are looked at."""
    if not requires_pass_mark(session):
        return None
    results = results or SessionResults(session)
    grades = results.learner(username, session.enrollments.learners[username].user_id)
    return GradeRequirement(grades.grade, grades.pass_mark, grades.passed)


def is_complete(found, grade_rule=None):
    """Whether the exercises ``found`` (Requirements) and the grade rule are met;
    never when the certificate requires nothing."""
    if not found and grade_rule is None:
        return False
    return all(requirement.done for requirement in found) and (
        grade_rule is None or grade_rule.done
    )
