"""Forum mails: whoever asked hears of answers, the session's teachers of new
questions (at once or in a daily digest), in the session's language; each mail
links to a page that stops it without logging in."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from html_pages import authenticator
from html_pages import html_client
from plone import api
from wikimooc.policy.forum.notifications import send_digests
from wikimooc.policy.taskqueue.site import task_site

import pytest
import re
import transaction


PUBLIC = "/en/intro/public-session"
UNSUBSCRIBE = re.compile(r"https?://\S+/@@forum-unsubscribe\?token=\S+")


def addressed(mails):
    return sorted((mail["To"], str(mail["Subject"])) for mail in mails)


def test_teachers_hear_of_new_questions_at_once(forum, mailbox, ask):
    url = ask("ada", text="<p>Which <strong>template</strong>?</p>").json()["@id"]
    (mail,) = mailbox()
    assert addressed([mail]) == [
        ("teacher@example.org", "[Public session] New question: How do I cite a book?")
    ]
    body = mail.get_content()
    assert "Ada asked a question in the forum of Public session:" in body
    assert "Which template?" in body and "<strong>" not in body
    assert f"Answer it: {url}" in body
    assert UNSUBSCRIBE.search(body).group() in mail["List-Unsubscribe"]
    assert mail["From"] == "WikiMOOC <courses@wikimooc.example.org>"


def test_a_teachers_own_question_mails_nobody(forum, mailbox, ask):
    assert ask("teacher").status_code == 201
    assert mailbox() == []


def test_whoever_asked_hears_of_each_answer_but_their_own(forum, mailbox, asked, reply):
    mailbox_before = len(mailbox())  # the teacher's mail about the question
    for login in ("bob", "teacher", "ada"):
        assert reply(login, asked, f"<p>Answer by {login}</p>").status_code == 201
    answers = mailbox()[mailbox_before:]
    assert addressed(answers) == [
        ("ada@example.org", "[Public session] New answer to your question: How do I cite a book?")
    ] * 2
    bodies = [mail.get_content() for mail in answers]
    assert "Bob answered your question “How do I cite a book?”" in bodies[0]
    assert "Answer by bob" in bodies[0] and "Answer by teacher" in bodies[1]
    assert f"Read the answers and reply: {asked}" in bodies[1]


def test_the_daily_digest_replaces_the_mails_of_whoever_chose_it(forum, mailbox, ask, client):
    chosen = client("teacher").post(PUBLIC + "/@forum-notifications", json={"questions": "daily"})
    assert chosen.json() == {
        "@id": forum["public"].absolute_url() + "/@forum-notifications",
        "answers": "immediately",
        "questions": "daily",
    }
    for title in ("First question", "Second question"):
        assert ask("ada", title=title).status_code == 201
    assert mailbox() == []

    transaction.begin()
    send_digests(datetime.now(UTC) + timedelta(minutes=1))
    transaction.commit()
    (digest,) = mailbox()
    assert addressed([digest]) == [
        ("teacher@example.org", "[Public session] 2 new questions in the forum")
    ]
    body = digest.get_content()
    assert body.index("First question (Ada)") < body.index("Second question (Ada)")
    assert UNSUBSCRIBE.search(body)

    transaction.begin()
    send_digests(datetime.now(UTC) + timedelta(minutes=2))
    transaction.commit()
    assert len(mailbox()) == 1  # nothing new, no mail


@pytest.mark.parametrize(
    "login, choices, status",
    [
        ("ada", {"answers": "never"}, 200),
        ("ada", {"questions": "daily"}, 400),  # learners get no question mails
        ("ada", {"answers": "daily"}, 400),
        ("teacher", {"questions": "sometimes"}, 400),
        (None, {"answers": "never"}, 401),
    ],
)
def test_mail_choices_are_checked(forum, client, login, choices, status):
    response = client(login).post(PUBLIC + "/@forum-notifications", json=choices)
    assert response.status_code == status, response.text


def test_whoever_chose_never_gets_no_mail(forum, mailbox, asked, reply, client):
    assert client("ada").post(
        PUBLIC + "/@forum-notifications", json={"answers": "never"}
    ).status_code == 200
    before = len(mailbox())
    assert reply("bob", asked).status_code == 201
    assert len(mailbox()) == before


def test_the_unsubscribe_link_works_without_logging_in(forum, mailbox, asked, reply, client):
    assert reply("bob", asked).status_code == 201
    link = UNSUBSCRIBE.search(mailbox()[-1].get_content()).group()
    visitor = html_client(client)
    shown = visitor.get(link)
    assert shown.status_code == 200
    assert "Answers to my questions" in shown.text and 'value="never"' in shown.text
    assert len(mailbox()) == 2  # opening the link changed nothing

    saved = visitor.post(
        link, data={"_authenticator": authenticator(shown.text), "choice": "never"}
    )
    assert "Your choice is saved." in saved.text
    assert reply("teacher", asked).status_code == 201
    assert len(mailbox()) == 2


@pytest.mark.parametrize("tamper", [lambda token: token[:-1] + ("0" if token[-1] != "0" else "1"),
                                    lambda token: "x" + token, lambda token: ""])
def test_a_damaged_link_is_refused(forum, mailbox, asked, reply, tamper, client):
    assert reply("bob", asked).status_code == 201
    link = UNSUBSCRIBE.search(mailbox()[-1].get_content()).group()
    base, token = link.split("?token=")
    response = html_client(client).get(base, params={"token": tamper(token)})
    assert response.status_code == 400
    assert "This link is not valid." in response.text


def test_mails_are_in_the_sessions_language(forum, french_session, mailbox, ask):
    assert ask("ada", "/fr/intro/printemps", title="Citer un livre ?").status_code == 201
    (mail,) = mailbox()
    assert str(mail["Subject"]) == "[Printemps] Nouvelle question : Citer un livre ?"
    assert "Ada a posé une question dans le forum de Printemps :" in mail.get_content()


def test_the_workers_digests_link_to_the_public_address(forum, mailbox, ask, client):
    api.portal.set_registry_record("wikimooc.public_url", "https://courses.example.org/wikimooc")
    transaction.commit()
    assert client("teacher").post(
        PUBLIC + "/@forum-notifications", json={"questions": "daily"}
    ).status_code == 200
    assert ask("ada").status_code == 201

    with task_site("plone"):  # as the worker's daily task runs it
        send_digests(datetime.now(UTC) + timedelta(minutes=1))

    body = mailbox()[0].get_content()
    assert (
        "https://courses.example.org/wikimooc/en/intro/public-session/how-do-i-cite-a-book"
        in body
    )
    assert UNSUBSCRIBE.search(body).group().startswith(
        "https://courses.example.org/wikimooc/en/@@forum-unsubscribe?token="
    )
