from plone import api
from quiz_questions import fields
from quiz_questions import QUESTIONS

import pytest
import transaction


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


# Over HTTP (the functional layer): a quiz in the published course of `site`, where
# Ada and Bob are learners of the public session.


@pytest.fixture
def quiz(site, client):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=site["course"], type="Module", id="basics",
                                    title="Basics")
        quiz = api.content.create(container=module, type="Quiz", id="check",
                                  title="Check your knowledge", attempts_allowed=2)
        for name in QUESTIONS:
            api.content.create(container=quiz, type="QuizQuestion", id=name, **fields(name))
    transaction.commit()
    for login in ("ada", "bob"):
        response = client(login).post("/en/intro/public-session/@enroll", json={})
        assert response.status_code == 201, response.text
    return quiz
