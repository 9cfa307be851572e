from course_dates_helpers import build_course
from course_dates_helpers import enroll_on
from course_dates_helpers import moment
from datetime import date
from plone import api
from wikimooc.policy.coursedates.rules import set_schedule

import pytest
import transaction


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
    parts = build_course(site["course"])
    set_schedule(site["public"], {})
    transaction.commit()
    for login in ("ada", "bob"):
        response = client(login).post("/en/intro/public-session/@enroll", json={})
        assert response.status_code == 201, response.text
    return parts
