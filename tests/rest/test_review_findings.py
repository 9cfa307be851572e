"""Holes a code review found: each test failed before its fix."""

from plone import api
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.enrollment import EnrollmentRefused
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite

import pytest
import transaction


SESSION = {
    "@type": "CourseSession", "title": "Lyon", "start": "2027-03-01",
    "end": "2027-04-30", "wiki": "fr.wikipedia.org",
}


@pytest.fixture
def secret_course(site):
    """An unpublished course, and a course author who cannot see it."""
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=site["portal"]["en"], type="Course", id="secret", title="Secret plans",
            projects=("wikipedia",), organisation="Someone",
        )
        api.user.grant_roles(username="teacher", roles=["Course Author"])
    transaction.commit()


def test_no_session_of_a_course_one_cannot_see(secret_course, client):
    response = client("teacher").post("/en/secret", json=SESSION)
    assert response.status_code in (401, 403)
    assert "Secret plans" not in response.text


def test_no_adapt_page_for_a_course_one_cannot_see(secret_course, client):
    page = client("bob")
    page.session.headers["Accept"] = "text/html"
    response = page.get("/en/secret/@@adapt", allow_redirects=False)
    assert response.status_code in (302, 401)
    assert "Secret plans" not in response.text


@pytest.mark.parametrize("teachers", [["AuthenticatedUsers"], ["no-such-user"]])
def test_teachers_are_members_not_groups(site, client, teachers):
    response = client("teacher").patch("/en/intro/public-session", json={"teachers": teachers})
    assert response.status_code == 400, response.text
    assert "user id of a member" in response.text
    assert client("bob").get("/en/intro/public-session/@enrollments").status_code == 401


def test_a_copied_session_does_not_keep_the_original_teachers(site):
    with api.env.adopt_roles(["Manager"]):
        copy = api.content.copy(source=site["public"], target=site["course"], id="copy")
    assert "teacher" not in copy.teachers
    assert "Teacher" not in copy.get_local_roles_for_userid("teacher")


def test_two_enrollments_racing_for_the_last_seat(site, functional):
    site["public"].capacity = 1
    transaction.commit()
    database = functional["zodbDB"]

    def open_session(manager):
        app = database.open(manager).root()["Application"]
        portal = app[site["portal"].getId()]
        setSite(portal)
        return portal["en"]["intro"]["public-session"]

    managers = [transaction.TransactionManager(), transaction.TransactionManager()]
    for manager, login in zip(managers, ("ada", "bob"), strict=True):
        session = open_session(manager)
        assert enroll(session, api.user.get(username=login)) is True
    managers[0].commit()
    with pytest.raises(ConflictError):
        managers[1].commit()
    managers[1].abort()
    with pytest.raises(EnrollmentRefused) as refused:  # what Zope's retry then sees
        enroll(open_session(managers[1]), api.user.get(username="bob"))
    assert refused.value.status == 409
    setSite(site["portal"])
    transaction.begin()
    assert len(site["public"].enrollments) == 1


def test_a_learner_added_by_name_gets_access_when_they_enroll(site, client):
    client("teacher").post("/en/intro/private-session/@enrollments", json={"usernames": ["Zoe"]})
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="zoe@example.org", username="zoe", password="secret-pw-123")
    transaction.commit()
    zoe = client()
    zoe.session.auth = ("zoe", "secret-pw-123")
    assert zoe.get("/en/intro/private-session").status_code == 401
    assert zoe.post("/en/intro/private-session/@enroll", json={}).status_code == 200
    assert zoe.get("/en/intro/private-session").status_code == 200
    transaction.begin()
    assert site["private"].enrollments.learners["Zoe"].user_id == "zoe"


def test_changing_a_session_to_private_hides_it_and_records_who(site, client):
    assert client().get("/en/intro/public-session").status_code == 200
    client("teacher").patch("/en/intro/public-session", json={"kind": "private"})
    assert client().get("/en/intro/public-session").status_code == 401
    history = client("manager").get("/en/intro/public-session/@history").json()
    switch = [entry for entry in history if entry.get("action") == "change_kind"]
    assert len(switch) == 1
    assert switch[0]["actor"]["id"] == "teacher"
    assert client("teacher").get("/en/intro/public-session").json()["review_state"] == "open"


@pytest.mark.parametrize(
    "body", [{"title": ["x"]}, {"organisation": 5}, {"title": "  "}]
)
def test_adapt_refuses_what_is_no_text(site, client, body):
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="teacher", obj=site["portal"]["fr"], roles=["Contributor"])
    transaction.commit()
    response = client("teacher").post("/en/intro/@adapt", json={"container": "/fr", **body})
    assert response.status_code == 400, response.text
    assert "must be a non-empty text" in response.json()["error"]["message"]
    assert "intro" not in site["portal"]["fr"].objectIds()


@pytest.mark.parametrize("query", ["AND", "(", '"', "*"])
def test_courses_search_text_that_cannot_be_parsed_is_a_400(site, client, query):
    response = client().get("/@courses", params={"q": query})
    assert response.status_code == 400
    assert "cannot be understood" in response.json()["error"]["message"]
