"""A private session is invisible to anyone neither enrolled nor teaching it:
direct URL (page and REST), search and the catalogue."""

import pytest


@pytest.fixture
def enrolled(site, client):
    response = client("ada").post("/en/intro/private-session/@enroll", json={"key": "pillars"})
    assert response.status_code == 201


VIEWERS = [
    (None, False),
    ("bob", False),  # a member, not enrolled
    ("ada", True),  # the learner
    ("teacher", True),
    ("manager", True),
]


@pytest.mark.parametrize("login, sees", VIEWERS)
def test_rest(enrolled, client, login, sees):
    response = client(login).get("/en/intro/private-session")
    assert response.status_code == (200 if sees else 401)


@pytest.mark.parametrize("login, sees", VIEWERS)
def test_page(enrolled, client, login, sees):
    viewer = client(login)
    viewer.session.headers["Accept"] = "text/html"
    response = viewer.get("/en/intro/private-session", allow_redirects=False)
    if sees:
        assert response.status_code == 200
        assert "Private session" in response.text
    else:
        assert response.status_code in (302, 401)
        assert "Private session" not in response.text


@pytest.mark.parametrize("login, sees", VIEWERS)
def test_search(enrolled, client, login, sees):
    found = client(login).get("/@search?portal_type=CourseSession").json()["items"]
    titles = {item["title"] for item in found}
    assert "Public session" in titles
    assert ("Private session" in titles) is sees


@pytest.mark.parametrize("login, sees", VIEWERS)
def test_catalogue(enrolled, client, login, sees):
    (course,) = client(login).get("/@courses").json()["items"]
    titles = {session["title"] for session in course["sessions"]}
    assert "Public session" in titles
    assert ("Private session" in titles) is sees


def test_member_can_still_enroll_in_a_private_session_they_cannot_see(site, client):
    bob = client("bob")
    assert bob.get("/en/intro/private-session").status_code == 401
    assert bob.post("/en/intro/private-session/@enroll", json={"key": "pillars"}).status_code == 201
    assert bob.get("/en/intro/private-session").status_code == 200


def test_leaving_hides_the_private_session_again(enrolled, client):
    ada = client("ada")
    assert ada.delete("/en/intro/private-session/@enroll").status_code == 204
    assert ada.get("/en/intro/private-session").status_code == 401
