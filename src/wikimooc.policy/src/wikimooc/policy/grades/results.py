"""Reading a learner's results where each feature keeps them: quiz attempts
(quiz.attempts, per session and learner), the wiki exercises' progress
(tracking.storage) and peer review's grades (wikimooc.workflows.peerreview), for
the items the session's grading policy counts."""

from functools import cached_property
from plone import api
from typing import NamedTuple
from wikimooc.policy.coursedates.agenda import agenda
from wikimooc.policy.coursedates.agenda import HandIns
from wikimooc.policy.coursedates.rules import clock
from wikimooc.policy.coursedates.rules import plan
from wikimooc.policy.grades.computation import Attempted
from wikimooc.policy.grades.computation import ItemResult
from wikimooc.policy.grades.computation import passed
from wikimooc.policy.grades.computation import peer_share
from wikimooc.policy.grades.computation import quiz_share
from wikimooc.policy.grades.computation import weighted_grade
from wikimooc.policy.grades.computation import wiki_share
from wikimooc.policy.grades.settings import grading_policy
from wikimooc.policy.quiz.attempts import attempts_left
from wikimooc.policy.quiz.attempts import attempts_of
from wikimooc.policy.quiz.content import IQuiz
from wikimooc.policy.quiz.reading import max_score
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.workflows.peerreview.actions import submission_of
from wikimooc.workflows.peerreview.grading import grade
from wikimooc.workflows.peerreview.grading import rubric_maximum
from wikimooc.workflows.peerreview.relations import rubric_of


class GradedItem(NamedTuple):
    uid: str
    title: str
    category: str  # quizzes, wiki or peer
    module_id: str
    module_title: str
    url: str
    content: object
    maximum: float  # a quiz's points, a rubric's; 1 for a wiki exercise


class LearnerGrades(NamedTuple):
    username: str
    user_id: str | None
    grade: float | None  # percent
    pass_mark: float
    passed: bool
    results: tuple  # ItemResult, in the items' order
    details: tuple  # a dict per item: what the learner did and what is left


def category_of(item):
    if IQuiz.providedBy(item):
        return "quizzes"
    if item.portal_type == "Exercise":
        return "peer" if item.check == "peer" else "wiki"
    return None


def maximum_of(item, category):
    if category == "quizzes":
        return max_score(item)
    if category == "peer":
        return float(rubric_maximum(rubric_of(item)))
    return 1.0


def gradable_items(session):
    """Every quiz and exercise of the session's course, module by module, in order."""
    found = []
    for module in session.__parent__.objectValues():
        if module.portal_type != "Module":
            continue
        for item in module.objectValues():
            category = category_of(item)
            if category is not None:
                found.append(GradedItem(
                    uid=item.UID(), title=item.Title(), category=category,
                    module_id=module.getId(), module_title=module.Title(),
                    url=item.absolute_url(), content=item, maximum=maximum_of(item, category),
                ))
    return found


def counted_items(session, policy):
    """The items ``policy`` counts: those it names, else every exercise and every
    quiz that counts for the grade."""
    items = gradable_items(session)
    if policy.items is not None:
        chosen = set(policy.items)
        return [item for item in items if item.uid in chosen]
    return [item for item in items if item.category != "quizzes" or item.content.graded]


class SessionResults:
    """The session's stores, opened once, and its counted items: each learner's
    results are then a few BTree look-ups per item."""

    def __init__(self, session, policy=None):
        self.session = session
        self.policy = policy or grading_policy(session)
        self.items = counted_items(session, self.policy)
        self.tracking = tracking_of(session, create=False)
        self.attempts = attempts_of(session, create=False)
        self.submissions = None

    @cached_property
    def course_dates(self):
        """Now, the session's plan and its hand-ins (course dates), made once."""
        return clock(), plan(self.session), HandIns(self.session)

    def work_of(self, username):
        """{item UID: the learner's AgendaItem} (its due date and status: "late" for
        missing work, "done_late" for work done after the due date); empty in a
        session without a schedule."""
        now, planned, hand_ins = self.course_dates
        return {item.uid: item for item in agenda(self.session, username, now, planned, hand_ins)
                if item.kind != "module"}

    def read_every_submission(self):
        """For a whole grade book: the session's submissions by (author, exercise),
        found with one catalog search instead of one per learner and exercise."""
        catalog = api.portal.get_tool("portal_catalog")
        self.submissions = {}
        for brain in catalog.unrestrictedSearchResults(
            portal_type="Submission", path="/".join(self.session.getPhysicalPath())
        ):
            submission = brain._unrestrictedGetObject()
            if api.content.get_state(submission) != "cancelled":
                self.submissions[(submission.author, submission.exercise)] = submission

    def submission(self, user_id, exercise_uid):
        if not user_id:
            return None
        if self.submissions is not None:
            return self.submissions.get((user_id, exercise_uid))
        return submission_of(self.session, exercise_uid, user_id)

    def quiz_result(self, item, username):
        made = self.attempts.of(item.uid, username) if self.attempts is not None else ()
        share = quiz_share([Attempted(a.score, a.max_score) for a in made],
                           self.policy.quiz_attempt)
        left = attempts_left(item.content, len(made))
        detail = {"attempts_used": len(made), "attempts_left": left,
                  "status": "attempted" if made else "not_started"}
        return ItemResult(item.uid, item.category, share, bool(made)), detail

    def wiki_result(self, item, username):
        progress = self.tracking.progress.get((username, item.uid)) if self.tracking else None
        done = bool(progress and progress.done)
        detail = {"status": "done" if done else "not_done"}
        return ItemResult(item.uid, item.category, wiki_share(done), done), detail

    def peer_result(self, item, user_id):
        submission = self.submission(user_id, item.uid)
        found = grade(submission) if submission is not None else None
        points = found.points if found is not None else None
        if found is not None:
            status = "graded"
        elif submission is None:
            status = "not_started"
        else:
            status = api.content.get_state(submission)  # private, submitted, in_review…
        detail = {"status": status, "points": points, "max_points": item.maximum}
        share = peer_share(points, item.maximum)
        return ItemResult(item.uid, item.category, share, found is not None), detail

    def item_result(self, item, username, user_id):
        if item.category == "quizzes":
            return self.quiz_result(item, username)
        if item.category == "peer":
            return self.peer_result(item, user_id)
        return self.wiki_result(item, username)

    def learner(self, username, user_id):
        found = [self.item_result(item, username, user_id) for item in self.items]
        results = tuple(result for result, _detail in found)
        grade_found = weighted_grade(self.policy.weight_of(), results)
        return LearnerGrades(
            username=username, user_id=user_id, grade=grade_found,
            pass_mark=self.policy.pass_mark, passed=passed(grade_found, self.policy.pass_mark),
            results=results,
            details=tuple(detail for _result, detail in found),
        )


def learner_grades(session, username):
    """``username``'s grades in ``session`` (a learner of it)."""
    enrollment = session.enrollments.learners[username]
    return SessionResults(session).learner(username, enrollment.user_id)
