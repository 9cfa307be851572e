"""Issue 21, item 1: a member must not become another learner by giving themself the
learner's wiki username (or any other property the wiki vouches for), and an
enrollment, once linked to a member, stays theirs; only a login that proves the
account's central id moves it, to the account's new name.

Over real REST (the functional layer's HTTP server) and, for Wikimedia logins,
through pas.plugins.authomatic against the loopback OAuth stand-in."""

from pathlib import Path
from plone import api
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.identity.directory import userid_for_wiki_username

import pytest
import requests
import sys
import transaction


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "identity"))
from wikimedia_oauth import serving_oauth
from wikimedia_oauth import wiki_account


PASSWORD = "secret-pw-123"  # the password of the `client` fixture's members
PUBLIC = "/en/intro/public-session"
PRIVATE = "/en/intro/private-session"
AUTHORITY = [
    ("wiki_username", "Ada"),
    ("wiki_central_id", "7001"),
    ("wiki_groups", ["sysop", "bureaucrat"]),
    ("wiki_blocked", False),
    ("wiki_editcount", 100000),
    ("wiki_registered", "20010115000000"),
]


def properties_of(userid):
    transaction.begin()  # see what the server committed
    member = api.user.get(userid=userid)
    return {name: member.getProperty(name) for name in ("fullname", *dict(AUTHORITY))}


def enrollment(session, username):
    transaction.begin()
    return session.enrollments.learners.get(username)


@pytest.mark.parametrize("name, value", AUTHORITY)
def test_a_member_cannot_set_their_own_authority_properties(site, client, name, value):
    before = properties_of("bob")
    response = client("bob").patch("/@users/bob", json={"fullname": "Bob B.", name: value})
    assert response.status_code == 403, response.text
    assert "come from your Wikimedia account" in response.json()["message"]
    # The whole request is undone: the harmless property with it.
    assert properties_of("bob") == before


def test_the_refusal_is_translated(site, client):
    response = client("bob").patch(
        "/@users/bob", json={"wiki_username": "Ada"}, cookies={"I18N_LANGUAGE": "fr"}
    )
    assert response.status_code == 403
    assert "viennent de votre compte Wikimedia" in response.json()["message"]


def test_a_member_still_sets_their_other_properties(site, client):
    response = client("bob").patch("/@users/bob", json={"fullname": "Bob Builder"})
    assert response.status_code == 204, response.text
    assert properties_of("bob")["fullname"] == "Bob Builder"


def test_the_attack_of_the_issue_gets_nothing_of_the_victim(site, client):
    """Ada is enrolled in the private session (with its key) and the public one; Bob
    tries to become her and open the private session without the key."""
    ada, bob = client("ada"), client("bob")
    assert ada.post(PRIVATE + "/@enroll", json={"key": "pillars"}).status_code == 201
    assert ada.post(PUBLIC + "/@enroll", json={}).status_code == 201

    assert bob.patch("/@users/bob", json={"wiki_username": "Ada"}).status_code == 403
    assert bob.post(PRIVATE + "/@enroll", json={}).status_code == 403  # the key is wrong
    assert bob.get(PRIVATE).status_code in (401, 403)
    assert bob.get(PUBLIC + "/@progress").status_code == 403
    assert bob.get(PUBLIC + "/@certificate").status_code == 403
    rows = client("teacher").get(PRIVATE + "/@enrollments").json()["items"]
    assert [(row["wiki_username"], row["user_id"]) for row in rows] == [("Ada", "ada")]


@pytest.fixture
def bob_named_ada_by_a_manager(site, client):
    """Ada's enrollments are linked to her; then a Manager gives Bob the wiki username
    "Ada" (a mistake, or a second account of hers): the one way a member still gets a
    wiki username that is already someone's."""
    ada = client("ada")
    assert ada.post(PUBLIC + "/@enroll", json={}).status_code == 201
    assert ada.post(PRIVATE + "/@enroll", json={"key": "pillars"}).status_code == 201
    response = client("manager").patch("/@users/bob", json={"wiki_username": "Ada"})
    assert response.status_code == 204, response.text
    assert properties_of("bob")["wiki_username"] == "Ada"
    return client("bob")


@pytest.mark.parametrize(
    "method, path, body, status",
    [
        ("post", PUBLIC + "/@enroll", {}, 409),
        ("post", PRIVATE + "/@enroll", {"key": "pillars"}, 409),
        ("delete", PUBLIC + "/@enroll", None, 404),
        ("get", PUBLIC + "/@progress", None, 403),
        ("get", PUBLIC + "/@certificate", None, 403),
    ],
)
def test_an_enrollment_linked_to_a_member_is_never_given_to_another(
    site, bob_named_ada_by_a_manager, method, path, body, status
):
    bob = bob_named_ada_by_a_manager
    response = getattr(bob, method)(path, **({"json": body} if body is not None else {}))
    assert response.status_code == status, response.text
    if status == 409:
        assert response.json()["error"]["message"] == (
            "The enrollment of Ada in this session belongs to another account."
        )
    for session in (site["public"], site["private"]):
        assert enrollment(session, "Ada").user_id == "ada"
        assert "wikimooc-learners-" + session.UID() not in api.user.get(userid="bob").getGroups()


def test_the_victim_keeps_her_progress_and_certificate(site, client, bob_named_ada_by_a_manager):
    ada = client("ada")
    assert ada.get(PUBLIC + "/@progress").status_code == 200
    assert ada.get(PUBLIC + "/@certificate").status_code == 200
    assert ada.delete(PUBLIC + "/@enroll").status_code == 204


def test_a_name_teachers_added_goes_to_the_member_who_has_it(site, client):
    """The control: an enrollment linked to nobody yet is the member's whose wiki
    username it is, here a member a Manager creates after the teacher added the name."""
    with api.env.adopt_roles(["Manager"]):
        add_learners(site["private"], ["Zed"], added_by="teacher")
        api.user.create(email="zed@example.org", username="zed", password=PASSWORD)
    transaction.commit()
    assert enrollment(site["private"], "Zed").user_id is None
    zed = client("zed")
    response = zed.post(PRIVATE + "/@enroll", json={})
    assert response.status_code == 200, response.text  # already enrolled: no key asked
    assert enrollment(site["private"], "Zed").user_id == "zed"
    assert zed.get(PRIVATE).status_code == 200
    assert zed.get(PRIVATE + "/@progress").status_code == 200


# Log in with Wikimedia: the one path that proves who owns a wiki username.

CLIENT_ID = "wikimooc-security-consumer"
CLIENT_SECRET = "security-consumer-secret-" + "y" * 12


@pytest.fixture
def oauth_server(functional_portal):
    with serving_oauth(functional_portal, CLIENT_ID, CLIENT_SECRET) as server:
        yield server


def log_in_with_wikimedia(portal, server, account):
    server.signed_in = account
    browser = requests.Session()
    browser.get(portal.absolute_url() + "/authomatic-handler/wikimedia", timeout=30)
    transaction.begin()
    return browser


def test_a_wikimedia_member_cannot_rename_themself_either(site, oauth_server):
    portal = site["portal"]
    browser = log_in_with_wikimedia(portal, oauth_server, wiki_account(7101, "Mallory"))
    userid = userid_for_wiki_username("Mallory")
    assert userid
    response = browser.patch(
        portal.absolute_url() + "/++api++/@users/" + userid, json={"wiki_username": "Ada"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 403, response.text
    assert properties_of(userid)["wiki_username"] == "Mallory"


def test_a_rename_moves_the_enrollment_and_the_new_owner_of_the_old_name_gets_nothing(
    site, oauth_server
):
    portal = site["portal"]
    log_in_with_wikimedia(portal, oauth_server, wiki_account(7201, "Old Name"))
    owner = userid_for_wiki_username("Old Name")
    with api.env.adopt_roles(["Manager"]):
        add_learners(site["private"], ["Old Name"], added_by="teacher")
    transaction.commit()
    assert enrollment(site["private"], "Old Name").user_id == owner

    # Renamed on the wiki; someone else takes the old name and logs in first.
    log_in_with_wikimedia(portal, oauth_server, wiki_account(7202, "Old Name"))
    newcomer = userid_for_wiki_username("Old Name")
    assert newcomer != owner
    assert enrollment(site["private"], "Old Name").user_id == owner
    assert "wikimooc-learners-" + site["private"].UID() not in (
        api.user.get(userid=newcomer).getGroups()
    )

    # The owner's next login proves the central id: the enrollment follows the rename.
    log_in_with_wikimedia(portal, oauth_server, wiki_account(7201, "New Name"))
    assert enrollment(site["private"], "Old Name") is None
    assert enrollment(site["private"], "New Name").user_id == owner
    assert userid_for_wiki_username("New Name") == owner
    assert userid_for_wiki_username("Old Name") == newcomer
