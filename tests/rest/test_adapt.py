from plone import api

import pytest
import transaction


@pytest.fixture
def workspace(site):
    """A folder where the teacher may add courses: their organisation's."""
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=site["portal"]["fr"], type="Folder", id="universite", title="Université"
        )
        api.user.grant_roles(username="teacher", obj=folder, roles=["Contributor"])
    transaction.commit()
    return folder


def test_adaptation_keeps_attribution_and_leaves_sessions_behind(site, workspace, client):
    response = client("teacher").post(
        "/en/intro/@adapt",
        json={
            "container": "/fr/universite",
            "organisation": "Université de Lyon",
            "title": "Introduction (Lyon)",
        },
    )
    assert response.status_code == 201, response.text
    adaptation = response.json()
    assert adaptation["@type"] == "Course"
    assert adaptation["title"] == "Introduction (Lyon)"
    assert adaptation["organisation"] == "Université de Lyon"
    assert adaptation["authors"] == ["Ada Lovelace"]
    assert adaptation["license"]["token"] == "cc-by-sa-4.0"
    assert adaptation["derived_from"]["@id"].endswith("/en/intro")
    assert adaptation["language"]["token"] == "fr"
    # Its modules come along (the fixture's "about"), its sessions stay behind.
    assert [item["@type"] for item in adaptation["items"]] == ["Module"]
    assert response.headers["Location"] == adaptation["@id"]
    original = client("manager").get("/en/intro").json()
    assert {item["@id"].rsplit("/", 1)[1] for item in original["items"]} == {
        "about",
        "public-session",
        "private-session",
    }


def test_a_course_that_does_not_allow_reuse_is_refused(site, workspace, client):
    site["course"].license = "all-rights-reserved"
    transaction.commit()
    response = client("teacher").post("/en/intro/@adapt", json={"container": "/fr/universite"})
    assert response.status_code == 403
    assert "does not allow reusing" in response.json()["error"]["message"]
    assert workspace.objectIds() == []


@pytest.mark.parametrize(
    "body, status",
    [
        ({}, 400),
        ({"container": "/nowhere"}, 400),
        ({"container": "/en"}, 403),  # the teacher may not add courses there
    ],
)
def test_bad_target(site, workspace, client, body, status):
    response = client("teacher").post("/en/intro/@adapt", json=body)
    assert response.status_code == status, response.text


def test_session_of_a_reusable_course_by_another_organisation(site, workspace, client):
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="teacher", roles=["Course Author"])
    transaction.commit()
    response = client("teacher").post(
        "/en/intro",
        json={
            "@type": "CourseSession", "title": "Lyon, spring 2027", "kind": "private",
            "start": "2027-03-01", "end": "2027-04-30", "wiki": "fr.wikipedia.org",
        },
    )
    assert response.status_code == 201, response.text
    assert response.json()["teachers"] == ["teacher"]


def test_no_session_of_a_non_reusable_course_by_another_organisation(site, client):
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="teacher", roles=["Course Author"])
        site["course"].license = "all-rights-reserved"
    transaction.commit()
    response = client("teacher").post(
        "/en/intro",
        json={
            "@type": "CourseSession", "title": "Copy", "start": "2027-03-01",
            "end": "2027-04-30", "wiki": "fr.wikipedia.org",
        },
    )
    assert response.status_code == 403
    assert response.json()["message"] == "The licence of this course does not allow reusing it."
    items = client("manager").get("/en/intro").json()["items"]
    assert "Copy" not in [item["title"] for item in items]
