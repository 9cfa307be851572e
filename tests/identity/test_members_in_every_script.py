"""Members created with a login in every script, through ``POST @users`` and Plone's
add-user page (Site Setup → Users): an ASCII member id transliterated from the login
(policy/identity/memberids.py), the login and the full name in their script, and
a login with them on Plone's login form. Logins Plone refuses in Latin are refused
in every script, with Plone's message and nothing created."""

from html_pages import authenticator
from html_pages import html_client
from plone import api

import pytest
import transaction


PASSWORD = "secret-pw-123"
LOGIN_FORM = "/login"

# script, login, full name, the member id it gets
LOGINS = [
    ("devanagari", "अमित", "अमित कुमार", "amit"),
    ("devanagari, a conjunct and a reph", "कर्मेन्द्र", "कर्मेन्द्र सिंह", "krmendr"),
    # "mr" is shorter than Plone's ids may be.
    ("arabic", "عمر", "عمر الخيام", "mr-1"),
    ("arabic with vowel marks", "عُمَر", "عُمَر الخيّام", "umar"),
    ("cyrillic", "Мария", "Мария Петрова", "mariia"),
    ("greek", "Ελένη", "Ελένη Παππά", "elene"),
    ("han", "李小龙", "李小龙", "li-xiao-long"),
    ("han, two characters", "李明", "李明", "li-ming"),
    ("hangul", "김민수", "김민수", "gimminsu"),
    ("latin, ascii: Plone's own id", "ada-lovelace", "Ada Lovelace", "ada-lovelace"),
]
IDS = [row[0] for row in LOGINS]

REFUSED = [
    ("a space", "अमित कुमार"),
    ("a right-to-left mark", "\u200fعمر"),
    ("a zero-width joiner", "क\u200dष"),
    ("a mark first", "\u093fअमित"),
    ("punctuation last", "Мария."),
    ("decomposed (not NFC)", "Ele\u0301ni"),
    ("one character", "李"),
]
NOT_VALID = "The login name you selected is already in use or is not valid."


def logs_in(client, login):
    page = html_client(client).session.post(client().base_url + LOGIN_FORM, data={
        "__ac_name": login, "__ac_password": PASSWORD, "buttons.login": "Log in",
    }, allow_redirects=False, timeout=30)
    return page.status_code == 302 and "__ac" in page.cookies


def created(member_id, login, fullname):
    member = api.user.get(userid=member_id)
    return member is not None and member.getUserName() == login \
        and member.getProperty("fullname") == fullname


@pytest.mark.parametrize("script, login, fullname, member_id", LOGINS, ids=IDS)
def test_rest_creates_the_member(client, script, login, fullname, member_id):
    response = client("manager").post("/@users", json={
        "username": login, "fullname": fullname, "email": "someone@example.org",
        "password": PASSWORD,
    })
    assert response.status_code == 201, response.text[:300]
    assert response.headers["Location"].endswith("/@users/" + member_id)
    assert response.json()["id"] == member_id and response.json()["username"] == login
    found = client("manager").get("/@users/" + member_id).json()
    assert found["username"] == login and found["fullname"] == fullname
    transaction.begin()
    assert created(member_id, login, fullname)
    assert logs_in(client, login)


@pytest.mark.parametrize("script, login, fullname, member_id", LOGINS, ids=IDS)
def test_the_add_user_page_creates_the_member(client, script, login, fullname,
                                              member_id):
    manager = html_client(client, "manager")
    form = manager.get("/@@new-user")
    assert form.status_code == 200
    answer = manager.post("/@@new-user", data={
        "_authenticator": authenticator(form.text),
        "form.widgets.fullname": fullname, "form.widgets.username": login,
        "form.widgets.email": "someone@example.org", "form.widgets.password": PASSWORD,
        "form.widgets.password_ctl": PASSWORD, "form.buttons.register": "Register",
    }, allow_redirects=False)
    assert answer.status_code in (200, 302), answer.text[:300]
    assert NOT_VALID not in answer.text
    transaction.begin()
    assert created(member_id, login, fullname)
    assert logs_in(client, login)


@pytest.mark.parametrize("why, login", REFUSED, ids=[row[0] for row in REFUSED])
def test_rest_refuses_what_plone_refuses_in_latin(client, why, login):
    response = client("manager").post("/@users", json={
        "username": login, "email": "someone@example.org", "password": PASSWORD,
    })
    assert response.status_code == 400, response.text[:300]
    assert NOT_VALID in response.json()["error"]["message"]
    transaction.begin()
    assert all(user.getUserName() != login for user in api.user.get_users())


@pytest.mark.parametrize("why, login", REFUSED[:3], ids=[row[0] for row in REFUSED[:3]])
def test_the_add_user_page_refuses_what_plone_refuses_in_latin(client, why, login):
    manager = html_client(client, "manager")
    answer = manager.post("/@@new-user", data={
        "_authenticator": authenticator(manager.get("/@@new-user").text),
        "form.widgets.username": login, "form.widgets.email": "someone@example.org",
        "form.widgets.password": PASSWORD, "form.widgets.password_ctl": PASSWORD,
        "form.buttons.register": "Register",
    }, allow_redirects=False)
    assert answer.status_code == 200 and NOT_VALID in answer.text
    transaction.begin()
    assert all(user.getUserName() != login for user in api.user.get_users())


def test_a_login_taken_is_refused_and_nothing_changes(client):
    manager = client("manager")
    first = manager.post("/@users", json={
        "username": "अमित", "email": "first@example.org", "password": PASSWORD,
    })
    assert first.status_code == 201
    again = manager.post("/@users", json={
        "username": "अमित", "email": "second@example.org", "password": PASSWORD,
    })
    assert again.status_code == 400 and NOT_VALID in again.json()["error"]["message"]
    transaction.begin()
    logins = [user.getUserName() for user in api.user.get_users()]
    assert logins.count("अमित") == 1
    assert api.user.get(userid="amit").getProperty("email") == "first@example.org"


def test_two_logins_of_one_transliteration_get_two_ids(client):
    """Russian Мария and Ukrainian Марія are both "mariia"."""
    for login, member_id in (("Мария", "mariia"), ("Марія", "mariia-1")):
        response = client("manager").post("/@users", json={
            "username": login, "email": "someone@example.org", "password": PASSWORD,
        })
        assert response.status_code == 201 and response.json()["id"] == member_id
    transaction.begin()
    assert logs_in(client, "Марія") and logs_in(client, "Мария")
