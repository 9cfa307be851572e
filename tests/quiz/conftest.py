from plone import api
from plone.app.textfield.value import RichTextValue

import pytest


PILLARS = "* Neutral point of view | Yes, the second pillar.\nOriginal research | No.\nAdvertising"


def rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


QUESTIONS = {
    "pillar": {
        "kind": "single", "title": "A pillar",
        "prompt": rich("<p>Which is a pillar?</p>"), "points": 2.0,
        "hint": "Think of neutrality.", "choices": PILLARS,
        "explanation": rich("<p>The five pillars: see WP:5P.</p>"),
    },
    "licences": {
        "kind": "multiple", "title": "Licences",
        "prompt": rich("<p>Free licences?</p>"), "points": 1.0,
        "choices": "* CC BY-SA | Yes\n* CC BY | Yes too\nCC BY-NC | Not free",
        "partial_credit": "edc",
    },
    "year": {
        "kind": "number", "title": "Year", "prompt": rich("<p>When was Wikipedia founded?</p>"),
        "points": 1.0, "number": 2001.0, "tolerance": 0.0,
    },
    "word": {
        "kind": "text", "title": "Word",
        "prompt": rich("<p>The five … of Wikipedia?</p>"), "points": 1.0,
        "accepted_answers": "pillars | Right\npiliers",
    },
}


@pytest.fixture
def make_quiz(course):
    def make_quiz(questions=tuple(QUESTIONS), **settings):
        with api.env.adopt_roles(["Manager"]):
            module = course.get("basics") or api.content.create(
                container=course, type="Module", id="basics", title="Basics"
            )
            quiz = api.content.create(
                container=module, type="Quiz", title="Check your knowledge", **settings
            )
            for name in questions:
                api.content.create(container=quiz, type="QuizQuestion", id=name, **QUESTIONS[name])
        return quiz

    return make_quiz


@pytest.fixture
def learners(portal):
    """Members whose wiki usernames (their logins here) are Ada, Bob, Cleo."""
    with api.env.adopt_roles(["Manager"]):
        for login in ("ada", "bob", "cleo"):
            api.user.create(email=f"{login}@example.org", username=login, password="secret-pw-123")
    return {login: api.user.get(username=login) for login in ("ada", "bob", "cleo")}


@pytest.fixture
def session(make_session, learners):
    """An open session where Ada and Bob are learners (Cleo is not)."""
    from wikimooc.policy.enrollment import enroll

    session = make_session(id="spring")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(session, "open")
        for login in ("ada", "bob"):
            enroll(session, learners[login])
    return session
