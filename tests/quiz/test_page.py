"""The quiz page: before answering its HTML holds no answer; the form records an
attempt and the page then shows the score, the feedback and (per the settings) the
right answers; the lesson pager goes through quizzes."""

from html_pages import authenticator
from html_pages import html_client
from plone import api
from quiz_questions import QUIZ
from wikimooc.policy.quiz.reading import choice_id

import pytest
import re
import transaction


SECRETS = ("Yes, the second pillar", "WP:5P", "2001", "piliers", "Not free", "Right answer",
           "Yes too")


@pytest.mark.parametrize("login", [None, "ada", "cleo"])
def test_the_page_before_answering_leaks_no_answer(quiz, client, login):
    page = html_client(client, login).get(QUIZ)
    assert page.status_code == 200, page.text
    assert "Which is a pillar?" in page.text
    assert "Neutral point of view" in page.text
    for secret in SECRETS:
        # As a word: "2001" may well stand inside the page's random UIDs.
        assert not re.search(rf"(?<![0-9A-Za-z]){re.escape(secret)}(?![0-9A-Za-z])", page.text)
    has_form = "@@take-quiz" in page.text
    assert has_form is (login == "ada")


def test_taking_the_quiz_with_the_form(quiz, client):
    ada = html_client(client, "ada")
    page = ada.get(QUIZ)
    form = {
        "_authenticator": authenticator(page.text),
        "session": "public-session",
        "answers.pillar": choice_id(quiz["pillar"], 1),
        "answers.licences:list": [choice_id(quiz["licences"], 0), choice_id(quiz["licences"], 1)],
        "answers.year": "2001",
        "answers.word": "",
    }
    after = ada.post(f"{QUIZ}/@@take-quiz", data=form)
    assert after.status_code == 200, after.text
    assert "Your attempt is recorded: 2 of 5 points." in after.text
    assert "No." in after.text  # the feedback of the choice made
    assert "Original research" in after.text
    assert "Right answer" not in after.text  # one attempt of two is left
    assert "Attempts left: 1" in after.text

    form["answers.pillar"] = choice_id(quiz["pillar"], 0)
    last = ada.post(f"{QUIZ}/@@take-quiz", data=form)
    assert "Your attempt is recorded: 4 of 5 points." in last.text
    assert "Right answer" in last.text and "WP:5P" in last.text
    assert "@@take-quiz" not in last.text  # no attempt left

    again = ada.post(f"{QUIZ}/@@take-quiz", data=form)
    assert "You have no attempt left at this quiz." in again.text


def test_a_get_of_the_action_is_refused(quiz, client):
    assert html_client(client, "ada").get(f"{QUIZ}/@@take-quiz").status_code == 405


def test_the_pager_goes_through_quizzes(quiz, site, client):
    with api.env.adopt_roles(["Manager"]):
        module = quiz.__parent__
        api.content.create(container=module, type="Lesson", id="after", title="After the quiz")
        module.moveObjectsToTop(["check"])
        api.content.create(container=module, type="Lesson", id="before", title="Before the quiz")
        module.moveObjectsToTop(["before"])
    transaction.commit()
    visitor = html_client(client)
    lesson = visitor.get("/en/intro/basics/before")
    assert f'href="{quiz.absolute_url()}"' in lesson.text
    page = visitor.get(QUIZ)
    assert 'rel="prev"' in page.text and "Before the quiz" in page.text
    assert 'rel="next"' in page.text and "After the quiz" in page.text
    module_page = visitor.get("/en/intro/basics")
    assert "Check your knowledge" in module_page.text


def test_authors_are_told_that_learners_answered(quiz, client):
    manager = html_client(client, "manager")
    edit = f"{QUIZ}/pillar/edit"
    assert "learners have answered" not in manager.get(edit).text
    client("ada").post(f"{QUIZ}/@attempts", json={"answers": {}})
    client("bob").post(f"{QUIZ}/@attempts", json={"answers": {}})
    for page in (QUIZ, f"{QUIZ}/edit", edit):
        assert "2 learners have answered this" in manager.get(page).text
    assert "learners have answered" not in html_client(client, "ada").get(QUIZ).text


def test_a_partly_right_score_is_rounded(quiz, client):
    """One free licence of two: 2/3 of a point, shown as at most two decimals."""
    ada = html_client(client, "ada")
    after = ada.post(f"{QUIZ}/@@take-quiz", data={
        "_authenticator": authenticator(ada.get(QUIZ).text),
        "session": "public-session",
        "answers.pillar": choice_id(quiz["pillar"], 0),
        "answers.licences:list": [choice_id(quiz["licences"], 0)],
        "answers.year": "2001",
        "answers.word": "",
    })
    text = " ".join(after.text.split())
    assert "Your attempt is recorded: 3.67 of 5 points." in text
    assert "Attempt 1: 3.67 of 5 points." in re.sub(r"<[^>]+>", "", text).replace("  ", " ")
    assert "0.67 of 1 points" in text
    assert "3.6667" not in text and "0.6667" not in text
