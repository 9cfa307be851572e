"""Anyone verifies a certificate by its code, over REST and on a page; the
teaching team lists the session's certificates and revokes one, saying why."""

from html_pages import authenticator
from html_pages import html_client

import pytest


SESSION = "/en/intro/public-session"


def revoke(client, code, reason="Copied from another learner"):
    return client("teacher").post(
        SESSION + "/@revoke-certificate", json={"code": code, "reason": reason}
    )


def test_a_valid_certificate(issued, client):
    response = client(None).get(f"/@verify/{issued}")
    assert response.status_code == 200
    found = response.json()
    assert (found["valid"], found["status"], found["code"]) == (True, "valid", issued)
    assert found["learner"] == {"name": "Ada", "wiki_username": "Ada"}
    assert (found["course"], found["session"]) == ("Introduction", "Public session")
    assert (found["start"], found["end"], found["organisation"]) == (
        "2027-03-01", "2027-04-30", "Wikimedia UK"
    )
    assert found["pages"] == [
        {"wiki": "en.wikipedia.org", "title": "User:Ada/Draft",
         "url": "https://en.wikipedia.org/wiki/User:Ada/Draft"},
        {"wiki": "en.wikipedia.org", "title": "Bridge", "url": "https://en.wikipedia.org/wiki/Bridge"},
    ]
    assert found["verify_url"].endswith(f"/@@verify/{issued}")
    assert found["revoked"] is None and "user_id" not in found and "revocation" not in found


def test_a_revoked_certificate(issued, client):
    assert revoke(client, issued).status_code == 200
    found = client(None).get(f"/@verify/{issued}").json()
    assert (found["valid"], found["status"]) == (False, "revoked")
    assert found["revoked"] and "Copied" not in str(found)  # the reason is the team's


@pytest.mark.parametrize("code", ["no-such-code", "x" * 24])
def test_an_unknown_code(issued, client, code):
    response = client(None).get(f"/@verify/{code}")
    assert response.status_code == 404
    assert response.json() == {"code": code, "valid": False, "status": "unknown"}


@pytest.mark.parametrize(
    "revoked, code, status, shown",
    [
        (False, None, 200, "This certificate is valid."),
        (True, None, 200, "This certificate was revoked on"),
        (False, "nope", 404, "No certificate has this code."),
    ],
)
def test_the_verification_page(issued, client, revoked, code, status, shown):
    if revoked:
        assert revoke(client, issued).status_code == 200
    response = html_client(client).get(f"/@@verify/{code or issued}")
    assert response.status_code == status
    assert shown in response.text
    assert ("wiki username" in response.text) is (code is None)
    # The session's days and the moments in words, not ISO strings.
    assert ("March 1, 2027 \u2013 April 30, 2027" in response.text) is (code is None)
    assert "2027-03-01" not in response.text


def test_the_teaching_team_lists_certificates_with_revocations(issued, client):
    assert revoke(client, issued).status_code == 200
    (item,) = client("teacher").get(SESSION + "/@certificates").json()["items"]
    assert item["code"] == issued and item["user_id"] == "ada"
    assert item["revocation"]["reason"] == "Copied from another learner"
    assert item["revocation"]["by"] == "teacher"
    assert item["pdf_url"].endswith("/@@certificate.pdf?learner=Ada")


@pytest.mark.parametrize("login", ["ada", "bob", None])
def test_learners_neither_list_nor_revoke(issued, client, login):
    assert client(login).get(SESSION + "/@certificates").status_code == 401
    assert client(login).post(
        SESSION + "/@revoke-certificate", json={"code": issued, "reason": "x"}
    ).status_code == 401
    assert client(None).get(f"/@verify/{issued}").json()["valid"] is True


@pytest.mark.parametrize(
    "body, message",
    [
        ({"reason": "r"}, 'Give "code".'),
        ({"code": "nope", "reason": "r"}, "This session has no certificate nope."),
        ({"code": 42, "reason": "r"}, 'Give "code".'),
        ({"reason": "", "code": "CODE"}, "Give the reason for revoking this certificate."),
    ],
)
def test_bad_revocations_are_refused(issued, client, body, message):
    body = {key: issued if value == "CODE" else value for key, value in body.items()}
    response = client("teacher").post(SESSION + "/@revoke-certificate", json=body)
    assert response.status_code == 400
    assert response.json()["error"] == {"type": "CertificateRefused", "message": message}
    assert client(None).get(f"/@verify/{issued}").json()["valid"] is True


def test_revoking_twice_is_refused(issued, client):
    assert revoke(client, issued).status_code == 200
    again = revoke(client, issued)
    assert again.status_code == 400
    assert again.json()["error"]["message"] == "This certificate is already revoked."


def test_the_learner_sees_what_is_left_then_their_certificate(certified, client, decide):
    mine = client("ada").get(SESSION + "/@certificate").json()
    assert [(item["exercise"]["title"], item["done"]) for item in mine["requirements"]] == [
        ("Start your draft", False), ("Cite your sources", False),
    ]
    assert mine["complete"] is False and mine["certificate"] is None
    assert mine["minimum_grade"] == 60
    page = html_client(client, "ada").get(SESSION).text
    assert "Complete these exercises to get your certificate:" in page
    assert "Start your draft" in page and "Download your certificate" not in page
    decide("Ada", certified["draft"])
    assert client("ada").get(SESSION + "/@certificate").json()["requirements"][0]["done"] is True
    assert client("dan").get(SESSION + "/@certificate").status_code == 403
    assert client(None).get(SESSION + "/@certificate").status_code == 401


def test_the_pages_for_the_team_and_the_learner(issued, client):
    learner = html_client(client, "ada")
    assert "Download your certificate" in learner.get(SESSION).text
    teacher = html_client(client, "teacher")
    page = teacher.get(SESSION + "/@@certificates").text
    assert "Ada" in page and "@@revoke-certificate" in page
    revoked = teacher.post(SESSION + "/@@revoke-certificate", data={
        "_authenticator": authenticator(page), "code": issued, "reason": "Copied work",
    })
    assert "The certificate of Ada is revoked." in revoked.text
    assert "Copied work" in revoked.text
    assert client(None).get(f"/@verify/{issued}").json()["status"] == "revoked"
    session_page = learner.get(SESSION).text
    assert f"/@@verify/{issued}" in session_page
    assert "Download your certificate" not in session_page  # revoked above
