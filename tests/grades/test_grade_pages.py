"""The grade book's Classic UI pages: the teachers' grade book (sortable, searched,
filtered), a learner's detail, the grading policy form (CSRF-protected, refusing
bad input with nothing changed), the learner's progress page, and the links to
them from the dashboard, My courses and the progress viewlet."""

from html_pages import authenticator
from html_pages import html_client
from quiz_answers import answers_for
from wikimooc.policy.grades.settings import grading_policy
from wikimooc.policy.quiz.attempts import submit

import pytest
import transaction


SESSION = "/en/intro/spring"


@pytest.fixture
def answered(served, served_results):
    """Ada answered the graded quiz half right and did "draft"."""
    transaction.begin()
    submit(served["check"], served["session"], "Ada", answers_for(served["check"], 1))
    served_results.wiki_done("Ada", "draft")
    transaction.commit()
    return served


def test_the_grade_book_page(answered, client):
    teacher = html_client(client, "teacher")
    page = teacher.get(SESSION + "/@@gradebook")
    assert page.status_code == 200, page.text[-3000:]
    text = page.text
    assert "Grade book of" in text and "Ada" in text and "Bob" in text
    assert "35%" in text  # Ada: 0.4 * 50 + 0.3 * 50
    assert "@@gradebook-learner?learner=Ada" in text
    assert "sort_on=grade" in text and "@@gradebook.csv" in text
    searched = teacher.get(SESSION + "/@@gradebook?search=bo").text
    assert "learner=Bob" in searched and "learner=Ada" not in searched
    filtered = teacher.get(SESSION + "/@@gradebook?module=more").text
    assert "Write an article" in filtered and "Start your draft" not in filtered
    refused = teacher.get(SESSION + "/@@gradebook?sort_on=colour").text
    assert "must be wiki_username, grade or the UID" in refused


def test_a_learners_detail_page(answered, client):
    page = html_client(client, "teacher").get(SESSION + "/@@gradebook-learner?learner=Ada").text
    assert "Grades of <bdi>Ada</bdi>" in page and "Overall grade" in page
    assert "1 attempt left." in page and "Start your draft" in page
    missing = html_client(client, "teacher").get(SESSION + "/@@gradebook-learner?learner=Zed")
    assert "Zed is not a learner of this session." in missing.text


def test_the_grading_policy_form(served, client):
    teacher = html_client(client, "teacher")
    page = teacher.get(SESSION + "/@@grading-policy").text
    token = authenticator(page)
    saved = teacher.post(SESSION + "/@@change-grading-policy", data={
        "_authenticator": token, "weight_quizzes": "50", "weight_wiki": "50", "weight_peer": "0",
        "pass_mark": "75", "quiz_attempt": "last", "items_counted": "chosen",
        "items:list": [served["check"].UID(), served["draft"].UID()],
    })
    assert "The grading policy is saved." in saved.text
    transaction.begin()
    policy = grading_policy(served["session"])
    assert policy.weight_of() == {"quizzes": 50.0, "wiki": 50.0, "peer": 0.0}
    assert (policy.pass_mark, policy.quiz_attempt) == (75.0, "last")
    assert policy.items == (served["check"].UID(), served["draft"].UID())
    refused = teacher.post(SESSION + "/@@change-grading-policy", data={
        "_authenticator": token, "weight_quizzes": "-1", "weight_wiki": "50", "weight_peer": "0",
        "pass_mark": "10", "quiz_attempt": "best", "items_counted": "default",
    })
    assert "The weight of quizzes must be a number, 0 or more." in refused.text
    transaction.begin()
    assert grading_policy(served["session"]) == policy
    forged = teacher.post(SESSION + "/@@change-grading-policy", data={"pass_mark": "1"})
    assert forged.status_code == 403
    transaction.begin()
    assert grading_policy(served["session"]) == policy


def test_the_learners_progress_page(answered, client):
    ada = html_client(client, "ada")
    page = ada.get(SESSION + "/@@my-grades").text
    assert "Your progress in" in page and "Basics" in page and "More" in page
    assert "Overall grade: 35%" in page and "15% to go" in " ".join(page.split())
    assert "Hand in your work and wait for its reviews." in page
    refused = html_client(client, "cleo").get(SESSION + "/@@my-grades", allow_redirects=False)
    assert refused.status_code in (302, 401, 403) and "Overall grade" not in refused.text
    courses = ada.get("/en/@@my-courses").text
    assert SESSION + "/@@my-grades" in courses


def test_the_links_from_the_dashboard_and_the_lessons(served, client):
    for teaching_page in ("/@@dashboard", "/@@learners", ""):
        found = html_client(client, "teacher").get(SESSION + teaching_page).text
        assert SESSION + "/@@gradebook" in found, teaching_page
    assert SESSION + "/@@gradebook" not in html_client(client, "ada").get(SESSION).text
    transaction.begin()
    from plone import api

    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=served["course"]["basics"], type="Lesson", id="read",
                           title="Read this")
    transaction.commit()
    lesson = html_client(client, "ada").get("/en/intro/basics/read").text
    assert "Not answered yet." in lesson  # the quiz of the lesson's module
    assert SESSION + "/@@my-grades" in lesson
    transaction.begin()
    submit(served["check"], served["session"], "Ada", answers_for(served["check"], 1))
    transaction.commit()
    answered = " ".join(html_client(client, "ada").get("/en/intro/basics/read").text.split())
    assert "Answered: 2 of 4 points" in answered
    teacher_lesson = html_client(client, "teacher").get("/en/intro/basics/read").text
    assert SESSION + "/@@gradebook" in teacher_lesson
