from plone import api
from quiz_questions import fields
from quiz_questions import QUESTIONS

import pytest


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
                api.content.create(container=quiz, type="QuizQuestion", id=name, **fields(name))
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
