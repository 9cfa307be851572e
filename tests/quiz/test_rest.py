"""@quiz and @attempts over HTTP: no answers before answering, attempts recorded
per the settings, bad input refused with a translated message and nothing recorded."""

from datetime import date
from plone import api
from quiz_questions import fields
from quiz_questions import QUESTIONS
from quiz_questions import QUIZ
from quiz_questions import right_answers
from wikimooc.policy.quiz.attempts import learner_attempts
from wikimooc.policy.quiz.reading import choice_id

import json
import os
import pytest
import transaction


GIVE_ANSWERS = "Give \"answers\": an object of question ids and answers."
SECRETS = ("Yes, the second pillar", "WP:5P", "2001", "piliers", "Not free", "right_answer",
           "accepted", "tolerance\"", "explanation", "feedback", "Right")


@pytest.mark.parametrize("login", [None, "ada", "cleo", "teacher"])
def test_reading_a_quiz_gives_no_answer(quiz, client, login):
    response = client(login).get(f"{QUIZ}/@quiz")
    assert response.status_code == 200, response.text
    for secret in SECRETS:
        assert secret not in response.text
    shown = response.json()
    assert [question["id"] for question in shown["questions"]] == list(QUESTIONS)
    assert shown["max_score"] == 5.0
    pillar = shown["questions"][0]
    assert {choice["id"] for choice in pillar["choices"]} == {
        choice_id(quiz["pillar"], position) for position in range(3)
    }
    expected = [{"session": "public-session", "attempts_used": 0, "attempts_left": 2}]
    assert shown["sessions"] == (expected if login == "ada" else [])


def test_attempts_then_the_limit(quiz, client):
    ada = client("ada")
    wrong = {"pillar": choice_id(quiz["pillar"], 1)}
    first = ada.post(f"{QUIZ}/@attempts", json={"answers": wrong})
    assert first.status_code == 201, first.text
    report = first.json()
    assert (report["number"], report["score"], report["attempts_left"]) == (1, 0, 1)
    assert report["answers_shown"] is False
    assert report["questions"][0]["feedback"] == ["No."]
    assert "right_answer" not in first.text and "WP:5P" not in first.text

    second = ada.post(f"{QUIZ}/@attempts", json={"answers": right_answers(quiz)})
    assert second.status_code == 201, second.text
    report = second.json()
    assert (report["number"], report["score"], report["attempts_left"]) == (2, 5.0, 0)
    assert report["answers_shown"] is True
    assert report["questions"][0]["right_answer"] == {"choices": [choice_id(quiz["pillar"], 0)]}

    third = ada.post(f"{QUIZ}/@attempts", json={"answers": right_answers(quiz)})
    assert third.status_code == 409
    assert third.json()["error"]["message"] == "You have no attempt left at this quiz."

    mine = ada.get(f"{QUIZ}/@attempts").json()
    assert [item["number"] for item in mine["items"]] == [1, 2]
    assert mine["items"][0]["answers_shown"] is True  # the last attempt is made


@pytest.mark.parametrize(
    "login, body, status, message",
    [
        ("ada", {"answers": {"nope": "x"}}, 400, "This quiz has no question nope."),
        ("ada", {"answers": {"year": "soon"}}, 400,
         "The answer to Year is not an answer of its kind."),
        ("ada", {"answers": {"pillar": ["x"]}}, 400,
         "The answer to A pillar is not an answer of its kind."),
        ("ada", {"answers": ["x"]}, 400, GIVE_ANSWERS),
        ("ada", ["x"], 400, None),  # plone.restapi's json_body takes objects only
        ("ada", {"answers": {}, "session": "private-session"}, 403,
         "Only the learners of a session of this course take its quizzes."),
        ("cleo", {"answers": {}}, 403,
         "Only the learners of a session of this course take its quizzes."),
        (None, {"answers": {}}, 401, "Log in to take this quiz."),
    ],
)
def test_bad_input_records_nothing(quiz, site, client, login, body, status, message):
    response = client(login).post(f"{QUIZ}/@attempts", json=body)
    assert response.status_code == status, response.text
    if message:
        assert response.json()["error"]["message"] == message
    transaction.begin()
    assert learner_attempts(site["public"], quiz, "Ada") == ()


def test_not_json_is_a_400(quiz, client):
    response = client("ada").post(f"{QUIZ}/@attempts", data="{not json",
                                  headers={"Content-Type": "application/json"})
    assert response.status_code == 400


def test_attempts_are_their_learners_and_teachers_see_all(quiz, client):
    client("ada").post(f"{QUIZ}/@attempts", json={"answers": right_answers(quiz)})
    client("bob").post(f"{QUIZ}/@attempts", json={"answers": {}})
    assert [item["wiki_username"] for item in client("ada").get(f"{QUIZ}/@attempts")
            .json()["items"]] == ["Ada"]
    assert [item["wiki_username"] for item in client("bob").get(f"{QUIZ}/@attempts")
            .json()["items"]] == ["Bob"]
    assert client("cleo").get(f"{QUIZ}/@attempts").json()["items"] == []
    assert client().get(f"{QUIZ}/@attempts").status_code == 401
    everyone = client("teacher").get(f"{QUIZ}/@attempts").json()
    assert sorted(item["wiki_username"] for item in everyone["items"]) == ["Ada", "Bob"]
    assert all(item["answers_shown"] for item in everyone["items"])


def test_refusals_come_in_french_in_the_french_section(site, client):
    with api.env.adopt_roles(["Manager"]):
        cours = api.content.create(
            container=site["portal"]["fr"], type="Course", id="bases", title="Les bases",
            projects=("wikipedia",), organisation="Wikimédia France",
        )
        session = api.content.create(
            container=cours, type="CourseSession", id="session", title="Session",
            start=date(2027, 3, 1), end=date(2027, 4, 30), wiki="fr.wikipedia.org",
        )
        api.content.transition(session, "open")
        module = api.content.create(container=cours, type="Module", id="m", title="M")
        api.content.transition(cours, to_state="published")
        quiz = api.content.create(container=module, type="Quiz", id="q", title="Q")
        api.content.create(container=quiz, type="QuizQuestion", id="pillar", **fields("pillar"))
    transaction.commit()
    response = client("cleo").post("/fr/bases/m/q/@attempts", json={"answers": {}})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "Seuls les apprenants d'une session de ce cours répondent à ses quiz."
    )


def test_capture_examples_for_the_docs(quiz, client):
    """With QUIZ_EXAMPLES=path, writes the requests and answers docs/api.md shows."""
    target = os.environ.get("QUIZ_EXAMPLES")
    if not target:
        pytest.skip("QUIZ_EXAMPLES not set")
    ada = client("ada")
    calls = [("GET", f"{QUIZ}/@quiz", None),
             ("POST", f"{QUIZ}/@attempts", {"answers": {
                 "pillar": choice_id(quiz["pillar"], 1),
                 "licences": [choice_id(quiz["licences"], 0)],
                 "year": "2001", "word": "pillars"}}),
             ("POST", f"{QUIZ}/@attempts", {"answers": {"nope": "x"}}),
             ("GET", f"{QUIZ}/@attempts", None)]
    captured = []
    for method, path, body in calls:
        response = getattr(ada, method.lower())(path, **({"json": body} if body else {}))
        captured.append({"method": method, "path": path, "body": body,
                         "status": response.status_code, "answer": response.json()})
    with open(target, "w") as out:
        json.dump(captured, out, indent=2, ensure_ascii=False)
