"""The teaching team hides posts (with the reason, which only it sees) and blocks
learners from posting in the session."""

from plone import api

import pytest
import transaction


PUBLIC = "/en/intro/public-session"


@pytest.fixture
def hidden(forum, asked, client):
    response = client("teacher").post(asked + "/@hide", json={"reason": "Personal data"})
    assert response.status_code == 200, response.text
    return asked


def test_a_hidden_question_is_gone_for_learners_and_visitors(hidden, client):
    for login in ("ada", "bob", None):
        assert client(login).get(PUBLIC + "/@forum").json()["items_total"] == 0
        assert client(login).get(hidden + "/@answers").status_code == 401
    assert client(None).get(
        "/@search", params={"SearchableText": "template"}
    ).json()["items_total"] == 0


def test_the_teaching_team_sees_it_with_the_reason(hidden, client):
    (item,) = client("teacher").get(PUBLIC + "/@forum").json()["items"]
    assert item["hidden"]["reason"] == "Personal data"
    assert item["hidden"]["by"] == "teacher" and item["hidden"]["when"]


def test_the_reason_is_not_in_the_history_learners_read(forum, asked, client):
    assert client("teacher").post(asked + "/@hide", json={"reason": "Spam"}).status_code == 200
    assert client("teacher").post(asked + "/@show", json={}).status_code == 200
    assert "Spam" not in client("ada").get(asked + "/@workflow").text
    assert "Spam" in client("teacher").get(asked + "/@workflow").text


def test_a_hidden_question_takes_no_answers(hidden, reply):
    refused = reply("teacher", hidden)
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == "This question is hidden: it takes no answers."


def test_a_hidden_answer_leaves_the_question(forum, asked, reply, client):
    answer = reply("bob", asked).json()["@id"]
    assert client("teacher").post(answer + "/@hide", json={"reason": "Rude"}).status_code == 200
    assert client("ada").get(asked + "/@answers").json()["answers"] == []
    assert client("ada").get(PUBLIC + "/@forum").json()["items"][0]["answers_count"] == 0
    (seen,) = client("teacher").get(asked + "/@answers").json()["answers"]
    assert seen["hidden"]["reason"] == "Rude"
    assert client("teacher").post(answer + "/@show", json={}).status_code == 200
    assert len(client("ada").get(asked + "/@answers").json()["answers"]) == 1


@pytest.mark.parametrize(
    "login, body, status, message",
    [
        ("teacher", {}, 400, "Hiding a post needs a reason."),
        ("teacher", {"reason": "  "}, 400, "Hiding a post needs a reason."),
        ("ada", {"reason": "I regret it"}, 401, None),
        ("bob", {"reason": "Nope"}, 401, None),
    ],
)
def test_hiding_needs_a_reason_and_the_teaching_team(
    forum, asked, client, login, body, status, message
):
    response = client(login).post(asked + "/@hide", json=body)
    assert response.status_code == status
    if message:
        assert response.json()["error"]["message"] == message
    transaction.begin()
    assert api.content.get_state(api.content.get(path=asked.split("/plone", 1)[1])) == "visible"


def test_a_blocked_learner_cannot_post_until_unblocked(forum, asked, ask, reply, client):
    teacher = client("teacher")
    blocked = teacher.post(PUBLIC + "/@forum-blocks", json={"learner": "bob", "reason": "Insults"})
    assert blocked.status_code == 201, blocked.text
    assert blocked.json()["items"][0]["wiki_username"] == "Bob"
    assert blocked.json()["items"][0]["reason"] == "Insults"
    message = "You are blocked from posting in this session's forum."
    for refused in (ask("bob"), reply("bob", asked)):
        assert refused.status_code == 403 and refused.json()["error"]["message"] == message
    assert ask("ada").status_code == 201
    assert client("bob").get(PUBLIC + "/@forum").json()["can_post"] is False

    assert teacher.delete(PUBLIC + "/@forum-blocks/Bob").status_code == 204
    assert teacher.get(PUBLIC + "/@forum-blocks").json()["items"] == []
    assert reply("bob", asked).status_code == 201


@pytest.mark.parametrize(
    "login, body, status, message",
    [
        ("teacher", {"learner": "Dan", "reason": "x"}, 400,
         "Dan is not a learner of this session."),
        ("teacher", {"learner": "Bob"}, 400, "Give the reason for blocking this learner."),
        ("ada", {"learner": "Bob", "reason": "x"}, 401, None),
    ],
)
def test_bad_blocks_are_refused(forum, client, login, body, status, message):
    response = client(login).post(PUBLIC + "/@forum-blocks", json=body)
    assert response.status_code == status
    if message:
        assert response.json()["error"]["message"] == message
    assert client("teacher").get(PUBLIC + "/@forum-blocks").json()["items"] == []


def test_unblocking_someone_not_blocked_is_refused(forum, client):
    response = client("teacher").delete(PUBLIC + "/@forum-blocks/Bob")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Bob is not blocked."
