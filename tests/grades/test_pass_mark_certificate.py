"""Certificates on the pass mark: a session whose certificate requires the overall
grade to reach the pass mark issues it after the graded attempt, the teacher's
decision or the peer-review grade that brings the learner there, and not before."""

from html_pages import html_client
from quiz_answers import answers_for
from wikimooc.policy.certificates.storage import certificate_of
from wikimooc.policy.grades.settings import change
from wikimooc.policy.taskqueue.queue import huey

import pytest
import transaction


SESSION = "/en/intro/spring"


@pytest.fixture
def certifying(served):
    """The session's certificate requires the pass mark alone; ``policy`` changes its
    grading policy."""

    def certifying(exercises=(), **policy):
        transaction.begin()
        session = served["session"]
        session.certificate_requires_pass_mark = True
        session.certificate_exercises = [served[name].UID() for name in exercises]
        uids = {served[name].UID() for name in ("check", "draft", "sources", "practice")}
        change(session, policy, uids)
        transaction.commit()
        return session

    return certifying


def attempt(client, served, login_name, right):
    response = client(login_name).post(
        "/en/intro/basics/check/@attempts", json={"answers": answers_for(served["check"], right)}
    )
    assert response.status_code == 201, response.text
    transaction.begin()


@pytest.mark.parametrize(
    "pass_mark, attempts, issued",
    [
        (50, (1,), (True,)),  # 2 of 4 points: 50 % exactly
        (60, (1,), (False,)),
        (60, (1, 2), (False, True)),  # the second attempt reaches it
        (60, (0, 1), (False, False)),
        (0, (0,), (True,)),
    ],
)
def test_a_graded_attempt_that_reaches_the_pass_mark(
    served, certifying, client, pass_mark, attempts, issued
):
    session = certifying(pass_mark=pass_mark, items=[served["check"].UID()])
    for right, expected in zip(attempts, issued, strict=True):
        attempt(client, served, "ada", right)
        assert (certificate_of(session, "Ada") is not None) is expected
    assert certificate_of(session, "Bob") is None
    status = client("ada").get(SESSION + "/@certificate").json()
    assert status["complete"] is issued[-1]
    assert status["grade"]["pass_mark"] == pass_mark


def test_the_last_attempt_counts_when_the_policy_says_so(served, certifying, client):
    session = certifying(pass_mark=75, items=[served["check"].UID()], quiz_attempt="last")
    attempt(client, served, "ada", 1)
    assert certificate_of(session, "Ada") is None
    attempt(client, served, "ada", 2)
    assert certificate_of(session, "Ada") is not None


def test_a_teachers_decision_on_a_wiki_exercise(served, certifying, client):
    """Quizzes 40, wiki 30: the quiz right is 57 %, with "draft" done 100 %."""
    session = certifying(pass_mark=60, items=[served["check"].UID(), served["draft"].UID()])
    attempt(client, served, "ada", 2)
    assert certificate_of(session, "Ada") is None
    decided = client("teacher").post(SESSION + "/@progress", json={
        "learner": "Ada", "exercise": served["draft"].UID(), "done": True,
        "reason": "Checked by hand.",
    })
    assert decided.status_code == 200, decided.text
    transaction.begin()
    assert certificate_of(session, "Ada") is not None


def test_a_peer_review_grade(served, certifying, served_results):
    """Only the peer-reviewed exercise counts: 3 of 5 points is 60 %."""
    session = certifying(pass_mark=60, items=[served["sources"].UID()])
    transaction.begin()
    served_results.peer_graded("ada", 3)
    transaction.commit()
    assert certificate_of(session, "Ada") is not None


def test_the_pass_mark_and_an_exercise_are_both_required(served, certifying, client):
    session = certifying(exercises=("draft",), pass_mark=50, items=[served["check"].UID()])
    attempt(client, served, "ada", 2)
    assert certificate_of(session, "Ada") is None  # "draft" not done yet
    status = client("ada").get(SESSION + "/@certificate").json()
    assert (status["grade"]["done"], status["complete"]) == (True, False)
    client("teacher").post(SESSION + "/@progress", json={
        "learner": "Ada", "exercise": served["draft"].UID(), "done": True, "reason": "Seen.",
    })
    transaction.begin()
    assert certificate_of(session, "Ada").exercises == ("Start your draft",)


def test_without_the_rule_the_grade_issues_nothing(served, client):
    attempt(client, served, "ada", 2)
    assert certificate_of(served["session"], "Ada") is None
    assert client("ada").get(SESSION + "/@certificate").json()["grade"] is None


def test_a_new_grading_policy_is_applied_by_the_worker(served, certifying, client):
    """Ada's grade is 50 %: under a pass mark of 60, then 50 (over REST), the worker
    issues her certificate; a policy change without the rule queues nothing."""
    session = certifying(pass_mark=60, items=[served["check"].UID()])
    attempt(client, served, "ada", 1)
    assert certificate_of(session, "Ada") is None
    huey.flush()
    changed = client("teacher").patch(SESSION + "/@grading-policy", json={"pass_mark": 50})
    assert changed.status_code == 200, changed.text
    assert huey.pending_count() == 1
    huey.execute(huey.dequeue())  # as the worker, in a connection of its own
    (issued,) = client("teacher").get(SESSION + "/@certificates").json()["items"]
    assert issued["learner"]["wiki_username"] == "Ada"
    unset = client("teacher").patch(SESSION, json={"certificate_requires_pass_mark": False})
    assert unset.status_code == 204, unset.text
    huey.flush()
    client("teacher").patch(SESSION + "/@grading-policy", json={"pass_mark": 40})
    assert huey.pending_count() == 0


def test_the_certificate_box_writes_the_grades_as_the_page_language_does(
    served, certifying, client
):
    """English: no space before the sign, decimals only where there are some."""
    certifying(pass_mark=62.5, items=[served["check"].UID()])
    attempt(client, served, "ada", 1)  # 2 of 4 points
    page = " ".join(html_client(client, "ada").get(SESSION).text.split())
    assert "Your overall grade must reach the pass mark, 62.5%; it is 50%." in page
