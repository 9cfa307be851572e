"""Who reads and who posts in a session's forum: the session's learners and
teachers post; others read it where they may read the session; a private session's
forum stays private; a closed session's forum is a read-only archive."""

from plone import api

import pytest
import transaction


PUBLIC = "/en/intro/public-session"
PRIVATE = "/en/intro/private-session"


@pytest.mark.parametrize(
    "login, path, status, message",
    [
        ("ada", PUBLIC, 201, None),
        ("teacher", PUBLIC, 201, None),
        ("cleo", PRIVATE, 201, None),
        ("manager", PUBLIC, 201, None),
        ("dan", PUBLIC, 403, "Only the session's learners and teachers can post in its forum."),
        (None, PUBLIC, 401, "Log in to post in the forum."),
        # The private session's forum is as invisible as the session.
        ("dan", PRIVATE, 401, None),
        ("ada", PRIVATE, 401, None),
        (None, PRIVATE, 401, None),
    ],
)
def test_who_may_ask(forum, ask, login, path, status, message):
    response = ask(login, path)
    assert response.status_code == status, response.text
    if message:
        assert response.json()["error"] == {"type": "ForumRefused", "message": message}
    transaction.begin()
    session = forum["public" if path == PUBLIC else "private"]
    asked = api.content.find(context=session, portal_type="ForumQuestion", unrestricted=True)
    assert len(asked) == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    "login, status",
    [("bob", 201), ("teacher", 201), ("ada", 201), ("dan", 403), (None, 401)],
)
def test_who_may_answer(forum, asked, reply, login, status):
    response = reply(login, asked)
    assert response.status_code == status, response.text
    transaction.begin()
    question = api.content.get(path=asked.split("/plone", 1)[1])
    assert len(question.objectIds()) == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    "login, path, status",
    [
        (None, PUBLIC, 200),
        ("dan", PUBLIC, 200),
        ("ada", PUBLIC, 200),
        (None, PRIVATE, 401),
        ("dan", PRIVATE, 401),
        ("ada", PRIVATE, 401),
        ("cleo", PRIVATE, 200),
        ("teacher", PRIVATE, 200),
    ],
)
def test_who_reads_the_forum(forum, ask, client, login, path, status):
    assert ask("teacher", path).status_code == 201
    response = client(login).get(path + "/@forum")
    assert response.status_code == status
    if status == 200:
        assert [item["title"] for item in response.json()["items"]] == ["How do I cite a book?"]


@pytest.mark.parametrize("login, found", [("cleo", 1), ("dan", 0), (None, 0), ("teacher", 1)])
def test_private_questions_are_searchable_only_by_whoever_sees_the_session(
    forum, ask, client, login, found
):
    assert ask(
        "cleo", PRIVATE, title="Notability of bridges", text="<p>Is a footbridge notable?</p>"
    ).status_code == 201
    site_search = client(login).get("/@search", params={"SearchableText": "footbridge"}).json()
    assert site_search["items_total"] == found
    if found:
        assert client(login).get(
            PRIVATE + "/@forum", params={"q": "footbridge"}
        ).json()["items_total"] == 1


def test_a_search_finds_questions_by_their_answers(forum, ask, asked, reply, client):
    assert ask("bob", title="Images", text="<p>Which licence?</p>").status_code == 201
    assert reply("teacher", asked, "<p>The Citation Style guideline helps.</p>").status_code == 201
    found = client("ada").get(PUBLIC + "/@forum", params={"q": "guideline"}).json()
    assert [item["@id"] for item in found["items"]] == [asked]
    everything = client("ada").get(PUBLIC + "/@forum").json()
    assert [item["title"] for item in everything["items"]] == ["Images", "How do I cite a book?"]


def test_a_closed_session_is_a_read_only_archive(forum, asked, ask, reply, client):
    transaction.begin()  # see the question the server added
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(forum["public"], "close")
    transaction.commit()
    archive = "This session is closed: its forum is a read-only archive."
    for login in ("ada", "teacher"):
        refused = ask(login)
        assert refused.status_code == 403 and refused.json()["error"]["message"] == archive
        assert reply(login, asked).json()["error"]["message"] == archive
    listing = client(None).get(PUBLIC + "/@forum").json()
    assert listing["items_total"] == 1 and listing["can_post"] is False


def test_a_learner_who_left_no_longer_posts(forum, ask, client):
    assert client("bob").delete(PUBLIC + "/@enroll").status_code == 204
    assert ask("bob").status_code == 403


@pytest.mark.parametrize(
    "body, message",
    [
        ({"title": "", "text": "<p>x</p>"}, 'Give "title".'),
        ({"title": "T", "text": "<script>alert(1)</script>"}, 'Give "text".'),
        ({"title": "x" * 201, "text": "t"}, '"title" is too long: at most 200 characters.'),
        ({"title": "T", "text": "t", "lesson": "not-a-lesson"},
         "This session's course has no lesson not-a-lesson."),
        ({"title": "T", "text": "t", "wiki_link": "javascript:alert(1)"},
         '"wiki_link" must be a web address starting with https:// or http://.'),
    ],
)
def test_bad_questions_are_refused_and_change_nothing(forum, client, body, message):
    response = client("ada").post(PUBLIC + "/@forum", json=body)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == message
    transaction.begin()
    assert not api.content.find(
        context=forum["public"], portal_type="ForumQuestion", unrestricted=True
    )


def test_a_question_about_a_lesson_with_a_wiki_link(forum, ask):
    created = ask(
        "ada", lesson=forum["lesson"].UID(),
        wiki_link="https://en.wikipedia.org/w/index.php?diff=123",
    ).json()
    assert created["lesson"] == {
        "@id": forum["lesson"].absolute_url(), "UID": forum["lesson"].UID(),
        "title": "The five pillars",
    }
    assert created["wiki_link"] == "https://en.wikipedia.org/w/index.php?diff=123"
    assert created["@id"] == forum["public"].absolute_url() + "/how-do-i-cite-a-book"
