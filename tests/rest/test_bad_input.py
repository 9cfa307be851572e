"""Bad input gets a 400 with a clear message and changes nothing (found while
documenting the API: these were 500s, or silently dropped values)."""

from plone import api

import pytest
import transaction


SESSION = {
    "@type": "CourseSession", "title": "Lyon", "start": "2027-03-01",
    "end": "2027-04-30", "wiki": "fr.wikipedia.org",
}


@pytest.mark.parametrize(
    "changes, fragment",
    [
        ({"wiki": "https://fr.wikipedia.org"}, "host name"),
        ({"end": "2027-01-01"}, "cannot end before it starts"),
        ({"enrollment_policy": "key"}, "need the key"),
    ],
)
def test_bad_session_is_a_400(site, client, changes, fragment):
    response = client("manager").post("/en/intro", json={**SESSION, **changes})
    assert response.status_code == 400, response.text
    assert fragment in response.text
    assert "lyon" not in site["course"].objectIds()


def test_bad_title_pattern_is_a_400(site, client):
    manager = client("manager")
    module = manager.post("/en/intro", json={"@type": "Module", "title": "Basics"}).json()
    response = manager.post(
        module["@id"],
        json={
            "@type": "Exercise", "title": "Sandbox", "wiki_action": "create_page",
            "instructions": "Write", "title_pattern": "User:{user}/Sandbox",
        },
    )
    assert response.status_code == 400, response.text
    assert "only placeholder" in response.text


def test_a_teacher_sets_the_key_when_creating_a_session(site, client):
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="teacher", roles=["Course Author"])
    transaction.commit()
    teacher = client("teacher")
    created = teacher.post(
        "/en/intro",
        json={**SESSION, "enrollment_policy": "key", "enrollment_key": "lyon-2027"},
    )
    assert created.status_code == 201, created.text
    assert teacher.get(created.json()["@id"]).json()["enrollment_key"] == "lyon-2027"


def test_leaving_with_an_account_that_is_no_wiki_name_is_a_404(site, client):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="ip@example.org", username="10.0.0.1", password="secret-pw-123")
    transaction.commit()
    response = client().delete(
        "/en/intro/public-session/@enroll", auth=("10.0.0.1", "secret-pw-123")
    )
    assert response.status_code == 404, response.text


@pytest.mark.parametrize(
    "rubric, status",
    [
        (None, 400),
        ({"criteria": []}, 400),
        ({"criteria": [{"title": "Sources", "levels": [{"title": "Some", "points": 1}]}]}, 201),
    ],
)
def test_a_peer_reviewed_exercise_needs_criteria(site, client, rubric, status):
    manager = client("manager")
    module = manager.post("/en/intro", json={"@type": "Module", "title": "Basics"}).json()
    exercise = {"@type": "Exercise", "title": "Sources", "instructions": "Cite", "check": "peer"}
    response = manager.post(module["@id"], json={**exercise, "rubric": rubric})
    assert response.status_code == status, response.text
    if status == 400:
        assert "needs a rubric with at least one criterion" in response.text
    else:
        assert manager.get(response.json()["@id"]).json()["rubric"] == rubric
