"""The forum in Classic UI: the session links to it, learners ask and answer with
the forms (CSRF-checked), the teaching team moderates from the pages."""

from html_pages import authenticator
from html_pages import html_client
from plone import api

import pytest
import re
import transaction


PUBLIC = "/en/intro/public-session"
PRIVATE = "/en/intro/private-session"


def test_the_session_page_links_to_its_forum(forum, asked, client):
    html = html_client(client).get(PUBLIC).text
    assert f'href="{forum["public"].absolute_url()}/@@forum"' in html
    assert "Questions and answers (1)" in html


def test_a_learner_asks_then_another_answers_with_the_forms(forum, client):
    ada = html_client(client, "ada")
    html = ada.get(PUBLIC + "/@@forum").text
    assert "Ask a question" in html
    asked = ada.post(PUBLIC + "/@@forum-ask", data={
        "_authenticator": authenticator(html), "title": "Sources for a stub?",
        "text": "My stub https://en.wikipedia.org/wiki/Stub has none.\n\nHelp!",
        "lesson": forum["lesson"].UID(), "wiki_link": "",
    })
    assert asked.status_code == 200
    assert "Your question is in the forum." in asked.text
    assert '<a href="https://en.wikipedia.org/wiki/Stub" rel="nofollow ugc">' in asked.text
    assert "The five pillars" in asked.text
    question_url = asked.url

    bob = html_client(client, "bob")
    answered = bob.post(question_url + "/@@forum-answer", data={
        "_authenticator": authenticator(bob.get(question_url).text), "text": "Try the library.",
    })
    assert "Your answer is posted." in answered.text
    assert "<p>Try the library.</p>" in answered.text
    assert "Special:Contributions/Bob" in answered.text


def test_visitors_read_but_get_no_forms(forum, asked, client):
    html = html_client(client).get(asked).text
    assert "Which template?" in html
    assert "@@forum-answer" not in html and "@@forum-hide" not in html
    assert "Ask a question" not in html_client(client).get(PUBLIC + "/@@forum").text


@pytest.mark.parametrize("method, data", [("post", {"text": "x"}), ("get", None)])
def test_answering_needs_a_post_with_the_csrf_token(forum, asked, method, data, client):
    response = getattr(html_client(client, "bob"), method)(asked + "/@@forum-answer", data=data)
    assert response.status_code in (403, 405)
    transaction.begin()
    assert api.content.get(path=asked.split("/plone", 1)[1]).objectIds() == []


def test_a_refusal_is_shown_on_the_page(forum, asked, client):
    dan = html_client(client, "dan")
    token = authenticator(dan.get(PUBLIC).text)  # the "Enroll" form's
    refused = dan.post(asked + "/@@forum-answer", data={"_authenticator": token, "text": "Me too"})
    assert "learners and teachers can post in its forum." in refused.text
    transaction.begin()
    assert api.content.get(path=asked.split("/plone", 1)[1]).objectIds() == []


def test_the_teaching_team_moderates_from_the_pages(forum, asked, client):
    teacher = html_client(client, "teacher")
    html = teacher.get(asked).text
    hidden = teacher.post(asked + "/@@forum-hide", data={
        "_authenticator": authenticator(html), "reason": "Off topic",
    })
    assert "The post is hidden." in hidden.text
    assert "Off topic" in hidden.text
    assert "How do I cite a book?" not in html_client(client, "bob").get(PUBLIC + "/@@forum").text

    forum_page = teacher.get(PUBLIC + "/@@forum").text
    blocked = teacher.post(PUBLIC + "/@@forum-block", data={
        "_authenticator": authenticator(forum_page), "learner": "bob", "reason": "Spam",
    })
    assert "Bob can no longer post in this forum." in blocked.text
    assert "Ask a question" not in html_client(client, "bob").get(PUBLIC + "/@@forum").text
    unblocked = teacher.post(PUBLIC + "/@@forum-unblock", data={
        "_authenticator": authenticator(blocked.text), "learner": "Bob",
    })
    assert "Bob can post in this forum again." in unblocked.text


def test_the_asker_marks_the_question_answered(forum, asked, client):
    ada = html_client(client, "ada")
    marked = ada.post(asked + "/@@forum-answered", data={
        "_authenticator": authenticator(ada.get(asked).text), "answered": "1",
    })
    assert "The question is marked answered." in marked.text
    assert "Mark not answered" in marked.text


def test_the_private_forum_page_is_private(forum, client):
    refused = html_client(client, "dan").get(PRIVATE + "/@@forum")
    assert refused.url.endswith("/insufficient-privileges") and "Forum of" not in refused.text
    assert "Forum of" in html_client(client, "cleo").get(PRIVATE + "/@@forum").text


def test_an_answers_own_address_leads_to_it_on_its_questions_page(forum, asked, reply, client):
    answer = reply("bob", asked).json()["@id"]
    response = html_client(client, "ada").get(answer)
    assert response.history[0].headers["Location"] == f"{asked}#answer-1"
    assert 'id="answer-1"' in response.text


def test_the_forum_counts_one_answer_as_one(forum, asked, reply, client):
    assert reply("bob", asked).status_code == 201
    html = html_client(client, "ada").get(PUBLIC + "/@@forum").text
    assert re.search(r"· 1 answer\b(?!s)", html) and "1 answers" not in html
