from concurrent.futures import ThreadPoolExecutor
from datetime import date
from plone import api

import pytest
import transaction


def test_enroll_then_again_then_leave(site, client):
    ada = client("ada")
    first = ada.post("/en/intro/public-session/@enroll", json={})
    assert first.status_code == 201, first.text
    assert first.json() == {"enrolled": True, "wiki_username": "Ada"}
    assert ada.post("/en/intro/public-session/@enroll", json={}).status_code == 200
    assert ada.delete("/en/intro/public-session/@enroll").status_code == 204
    again = ada.delete("/en/intro/public-session/@enroll")
    assert again.status_code == 404
    assert again.json()["error"]["type"] == "NotEnrolled"


@pytest.mark.parametrize(
    "body, status",
    [({"key": "pillars"}, 201), ({"key": "wrong"}, 403), ({}, 403)],
)
def test_private_session_key(site, client, body, status):
    response = client("ada").post("/en/intro/private-session/@enroll", json=body)
    assert response.status_code == status, response.text
    if status == 403:
        assert response.json()["error"]["message"] == "The enrollment key is wrong."


def test_errors_come_in_the_language_of_the_site_section(site, client):
    """plone.app.multilingual negotiates the interface language from the content."""
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(
            container=site["portal"]["fr"], type="Course", id="bases",
            title="Les bases", projects=("wikipedia",), organisation="Wikimédia France",
        )
        session = api.content.create(
            container=course, type="CourseSession", id="session",
            title="Session", enrollment_policy="key", enrollment_key="piliers",
            start=date(2027, 3, 1), end=date(2027, 4, 30), wiki="fr.wikipedia.org",
        )
        api.content.transition(session, "open")
    transaction.commit()
    response = client("ada").post("/fr/bases/session/@enroll", json={"key": "faux"})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "La clé d'inscription est incorrecte."


def test_full_session_answers_409(site, client):
    site["public"].capacity = 1
    transaction.commit()
    assert client("ada").post("/en/intro/public-session/@enroll", json={}).status_code == 201
    full = client("bob").post("/en/intro/public-session/@enroll", json={})
    assert full.status_code == 409
    assert full.json()["error"]["message"] == "This session is full."


def test_anonymous_cannot_enroll(site, client):
    assert client().post("/en/intro/public-session/@enroll", json={}).status_code == 401


def test_malformed_body_is_a_400(site, client):
    response = client("ada").post(
        "/en/intro/public-session/@enroll", data="{not json",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    transaction.begin()
    assert len(site["public"].enrollments) == 0


def test_eight_learners_enrolling_at_once_all_succeed(site, client):
    logins = ["ada", "bob", "cleo", "dan", "eve", "fay", "gus", "hal"]

    def enroll(login):
        return client(login).post("/en/intro/public-session/@enroll", json={}).status_code

    with ThreadPoolExecutor(max_workers=len(logins)) as pool:
        statuses = list(pool.map(enroll, logins))
    assert statuses == [201] * len(logins)
    transaction.begin()
    assert len(site["public"].enrollments) == len(logins)
