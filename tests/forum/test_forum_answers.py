"""Answers with their authors' wiki identities, teachers' answers marked as theirs,
and marking a question answered."""

import pytest


PUBLIC = "/en/intro/public-session"
WIKI = "https://en.wikipedia.org/wiki/"


def test_authors_appear_by_their_wiki_username_with_links(forum, asked, reply, client):
    assert reply("bob", asked).status_code == 201
    assert reply("teacher", asked, "<p>See WP:CITE.</p>").status_code == 201
    question = client(None).get(asked + "/@answers").json()
    assert question["author"] == {
        "id": "ada",
        "wiki_username": "Ada",
        "wiki_links": {
            "contributions": WIKI + "Special:Contributions/Ada",
            "user_page": WIKI + "User:Ada",
            "talk_page": WIKI + "User_talk:Ada",
        },
        "teacher": False,
    }
    bob, teacher = question["answers"]
    assert (bob["author"]["wiki_username"], bob["author"]["teacher"]) == ("Bob", False)
    assert (teacher["author"]["wiki_username"], teacher["author"]["teacher"]) == ("Teacher", True)
    assert teacher["author"]["wiki_links"]["talk_page"] == WIKI + "User_talk:Teacher"
    assert question["can_answer"] is False  # anonymous


def test_the_listing_counts_answers(forum, asked, reply, client):
    for login in ("bob", "teacher"):
        assert reply(login, asked).status_code == 201
    (item,) = client("ada").get(PUBLIC + "/@forum").json()["items"]
    assert item["answers_count"] == 2 and item["answered"] is False


@pytest.mark.parametrize(
    "login, status",
    [("ada", 200), ("teacher", 200), ("manager", 200), ("bob", 403), ("dan", 403), (None, 403)],
)
def test_the_asker_and_the_teaching_team_mark_a_question_answered(
    forum, asked, client, login, status
):
    response = client(login).post(asked + "/@answered", json={"answered": True})
    assert response.status_code == status, response.text
    if status == 403:
        assert response.json()["error"]["message"] == (
            "Only whoever asked and the teaching team mark a question answered."
        )
    answered = client("ada").get(PUBLIC + "/@forum").json()["items"][0]["answered"]
    assert answered is (status == 200)


def test_a_question_marked_answered_can_be_reopened(forum, asked, client):
    assert client("ada").post(
        asked + "/@answered", json={"answered": True}
    ).json()["answered"] is True
    assert client("teacher").post(
        asked + "/@answered", json={"answered": False}
    ).json()["answered"] is False


def test_answered_must_be_a_boolean(forum, asked, client):
    response = client("ada").post(asked + "/@answered", json={"answered": "yes"})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == '"answered" must be true or false.'
