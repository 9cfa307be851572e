from datetime import date
from datetime import datetime
from datetime import UTC
from plone import api
from plone.app.textfield.value import RichTextValue

import pytest
import transaction


def moment(text):
    """An ISO moment in UTC: "2027-03-08" is its midnight, "2027-03-08T12:00" noon."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def build_course(course):
    """Three modules, each with a lesson, a wiki-checked exercise and a quiz."""
    parts = {}
    with api.env.adopt_roles(["Manager"]):
        for number in (1, 2, 3):
            module = api.content.create(container=course, type="Module", id=f"week{number}",
                                        title=f"Week {number}")
            lesson = api.content.create(container=module, type="Lesson", id="lesson",
                                        title=f"Lesson {number}")
            exercise = api.content.create(container=module, type="Exercise", id="exercise",
                                          title=f"Exercise {number}", check="wiki",
                                          wiki_action="edit")
            quiz = api.content.create(container=module, type="Quiz", id="quiz",
                                      title=f"Quiz {number}", attempts_allowed=0)
            api.content.create(
                container=quiz, type="QuizQuestion", id="year", kind="text",
                prompt=RichTextValue("<p>When did Wikipedia start?</p>", "text/html",
                                     "text/html"),
                accepted_answers="2001",
            )
            parts[f"week{number}"] = module
            parts[f"lesson{number}"] = lesson
            parts[f"exercise{number}"] = exercise
            parts[f"quiz{number}"] = quiz
    return parts


def enroll_on(session, member, day):
    """Enroll ``member`` as if on ``day`` (an ISO date)."""
    from wikimooc.policy.enrollment import enroll
    from wikimooc.policy.enrollment import wiki_username_of

    enroll(session, member)
    username = wiki_username_of(member)
    learners = session.enrollments.learners
    learners[username] = learners[username]._replace(enrolled=f"{day}T09:30:00+00:00")


@pytest.fixture
def parts(course):
    return build_course(course)


@pytest.fixture
def learners(portal):
    with api.env.adopt_roles(["Manager"]):
        for login in ("ada", "bob", "cleo"):
            api.user.create(email=f"{login}@example.org", username=login,
                            password="secret-pw-123")
    return {login: api.user.get(username=login) for login in ("ada", "bob", "cleo")}


@pytest.fixture
def session(make_session, parts, learners):
    """An open session (1 March to 30 April 2027) with its default schedule saved,
    where Ada enrolled on 1 March and Bob on 10 March; Cleo is no learner."""
    from wikimooc.policy.coursedates.rules import set_schedule

    session = make_session(id="spring", start=date(2027, 3, 1), end=date(2027, 4, 30))
    set_schedule(session, {})
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(session, "open")
    enroll_on(session, learners["ada"], "2027-03-01")
    enroll_on(session, learners["bob"], "2027-03-10")
    return session


@pytest.fixture
def set_now(monkeypatch):
    """Sets the course dates' clock."""
    def set_now(text):
        monkeypatch.setattr("wikimooc.policy.coursedates.rules.utc_now", lambda: moment(text))
    return set_now


@pytest.fixture
def commit():
    return transaction.commit


@pytest.fixture
def dated(site, client):
    """The functional site's course with three weeks after its "about" module (it
    opens 1 March, Week n n weeks later), Ada and Bob learners of its public session,
    whose default schedule is saved."""
    from wikimooc.policy.coursedates.rules import set_schedule

    parts = build_course(site["course"])
    set_schedule(site["public"], {})
    transaction.commit()
    for login in ("ada", "bob"):
        response = client(login).post("/en/intro/public-session/@enroll", json={})
        assert response.status_code == 201, response.text
    return parts
