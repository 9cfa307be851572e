"""@quiz-statistics and the statistics page over HTTP: the teachers of a session see
its learners' statistics, a private session only its own teachers, learners and
visitors nothing; the quiz page links the page for those who may see it."""

from datetime import date
from html_pages import html_client
from plone import api
from quiz_questions import fields
from quiz_questions import QUIZ
from quiz_questions import right_answers
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.quiz.reading import choice_id

import json
import os
import pytest
import re
import transaction


STATISTICS = f"{QUIZ}/@quiz-statistics"


def shown_text(html):
    """The page's words, without the tags, spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def answered(quiz, site, client):
    """Ada (right) and Bob (wrong) in the public session; Cleo (wrong) in the private
    one, and Dan in a third, private session that only "eve" teaches."""
    with api.env.adopt_roles(["Manager"]):
        enroll(site["private"], api.user.get(username="cleo"), key="pillars")
        third = api.content.create(
            container=site["course"], type="CourseSession", id="third", title="Third session",
            kind="private", enrollment_policy="invitation", start=date(2027, 3, 1),
            end=date(2027, 4, 30), wiki="en.wikipedia.org", teachers=["eve"],
        )
        api.content.transition(third, "open")
        add_learners(third, ["Dan"], added_by=None)
    transaction.commit()
    wrong = {"pillar": choice_id(quiz["pillar"], 1), "word": "pilars"}
    for login, session, answers in (("ada", "public-session", right_answers(quiz)),
                                    ("bob", "public-session", wrong),
                                    ("cleo", "private-session", wrong),
                                    ("dan", "third", wrong)):
        response = client(login).post(f"{QUIZ}/@attempts",
                                      json={"answers": answers, "session": session})
        assert response.status_code == 201, response.text
    return {"public": site["public"].UID(), "private": site["private"].UID(),
            "third": third.UID()}


@pytest.mark.parametrize(
    "login, session, sessions, learners",
    [
        ("teacher", None, ["public-session", "private-session"], 3),
        ("teacher", "public", ["public-session"], 2),
        ("teacher", "private", ["private-session"], 1),
        ("eve", None, ["third"], 1),
        ("manager", None, ["public-session", "private-session", "third"], 4),
    ],
)
def test_teachers_see_the_sessions_they_teach(answered, client, login, session, sessions,
                                              learners):
    query = {"session": answered[session]} if session else {}
    response = client(login).get(STATISTICS, params=query)
    assert response.status_code == 200, response.text
    found = response.json()
    assert [entry["id"] for entry in found["sessions"]] == sessions
    assert found["learners"] == learners
    pillar = found["questions"][0]
    assert pillar["id"] == "pillar"
    right = 1 if "public-session" in sessions else 0
    assert pillar["first_attempt"]["correct"] == round(right / learners, 4)
    assert sum(choice["picked"] for choice in pillar["choices"]) == learners
    word = found["questions"][3]
    assert word["wrong_answers"] == [{"answer": "pilars", "count": learners - right}]


@pytest.mark.parametrize(
    "login, session, status, message",
    [
        (None, None, 401, "Log in to see the statistics of this quiz."),
        ("ada", None, 403, "Only the teachers of a session of this course see its quiz"
                           " statistics."),
        ("cleo", None, 403, "Only the teachers of a session of this course see its quiz"
                            " statistics."),
        ("teacher", "third", 403, "is not a session of this course whose attempts you may see."),
        ("eve", "private", 403, "is not a session of this course whose attempts you may see."),
        ("teacher", "no-such-uid", 403, "no-such-uid is not a session of this course"),
    ],
)
def test_others_see_no_statistics(answered, client, login, session, status, message):
    query = {"session": answered.get(session, session)} if session else {}
    response = client(login).get(STATISTICS, params=query)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]["message"]
    for secret in ("pilars", "Neutral point of view", "learners"):
        assert secret not in response.text


def test_the_page_for_teachers(answered, client):
    teacher = html_client(client, "teacher")
    quiz_page = teacher.get(QUIZ)
    assert "@@quiz-statistics" in quiz_page.text
    page = teacher.get(f"{QUIZ}/@@quiz-statistics")
    assert page.status_code == 200, page.text
    assert "Question statistics of" in page.text
    assert "Public session" in page.text and "Private session" in page.text
    assert "Third session" not in page.text
    assert "Learners who answered: 3 · attempts: 3" in shown_text(page.text)
    assert "pilars" in page.text and "Original research" in page.text
    one = teacher.get(f"{QUIZ}/@@quiz-statistics", params={"session": answered["public"]})
    assert "Learners who answered: 2 · attempts: 2" in shown_text(one.text)
    assert 'aria-current="page"' in one.text
    refused = teacher.get(f"{QUIZ}/@@quiz-statistics", params={"session": answered["third"]})
    assert "is not a session of this course whose attempts you may see." in refused.text
    assert "pilars" not in refused.text


@pytest.mark.parametrize("login", [None, "ada", "cleo"])
def test_learners_and_visitors_have_no_page_nor_link(answered, client, login):
    visitor = html_client(client, login)
    assert "@@quiz-statistics" not in visitor.get(QUIZ).text
    page = visitor.get(f"{QUIZ}/@@quiz-statistics")
    assert "Question statistics of" not in page.text
    assert "pilars" not in page.text



def test_capture_examples_for_the_docs(answered, client):
    """With QUIZ_STATISTICS_EXAMPLES=path, writes the requests and answers docs/api.md
    shows."""
    target = os.environ.get("QUIZ_STATISTICS_EXAMPLES")
    if not target:
        pytest.skip("QUIZ_STATISTICS_EXAMPLES not set")
    public = {"session": answered["public"]}
    calls = [("teacher", STATISTICS, None), ("teacher", STATISTICS, public),
             ("ada", STATISTICS, None), ("eve", STATISTICS, public)]
    captured = []
    for login, path, query in calls:
        response = client(login).get(path, params=query)
        captured.append({"login": login, "path": path, "query": query,
                         "status": response.status_code, "answer": response.json()})
    with open(target, "w") as out:
        json.dump(captured, out, indent=2, ensure_ascii=False)


@pytest.fixture
def french_quiz(site):
    """A quiz in a published French course whose open session "teacher" teaches."""
    with api.env.adopt_roles(["Manager"]):
        cours = api.content.create(
            container=site["portal"]["fr"], type="Course", id="bases", title="Les bases",
            projects=("wikipedia",), organisation="Wikimédia France",
        )
        session = api.content.create(
            container=cours, type="CourseSession", id="session", title="Session d'automne",
            start=date(2027, 3, 1), end=date(2027, 4, 30), wiki="fr.wikipedia.org",
            teachers=["teacher"],
        )
        api.content.transition(session, "open")
        module = api.content.create(container=cours, type="Module", id="m", title="M")
        api.content.transition(cours, to_state="published")
        quiz = api.content.create(container=module, type="Quiz", id="q", title="Les piliers")
        api.content.create(container=quiz, type="QuizQuestion", id="pillar", **fields("pillar"))
    transaction.commit()
    return quiz


def test_the_statistics_in_french(french_quiz, client):
    page = shown_text(html_client(client, "teacher").get("/fr/bases/m/q/@@quiz-statistics").text)
    for text in ("Statistiques des questions de Les piliers", "Toutes mes sessions",
                 "Session d'automne", "Apprenant·es ayant répondu : 0 · tentatives : 0",
                 "Première tentative", "Combien de fois chaque choix a été fait"):
        assert text in page
    assert "Statistiques des questions" in html_client(client, "teacher").get("/fr/bases/m/q").text
    refused = client("ada").get("/fr/bases/m/q/@quiz-statistics")
    assert refused.json()["error"]["message"] == (
        "Seul·es les enseignant·es d’une session de ce cours voient les statistiques de ses quiz."  # noqa: RUF001
    )
