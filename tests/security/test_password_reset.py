"""Issue 21, item 5: ``POST /@users/<name>/reset-password`` tells nobody whether a
member has that login: the answer (status, type, body) is the same for a member and
for a name that is no member's; only the member gets a mail."""

from mailboxes import mock_mailbox
from plone import api

import pytest
import re
import transaction


@pytest.fixture
def mailbox(site):
    return mock_mailbox(site["portal"])


def answer(response, name):
    """What a client learns, the name it asked about left out (refusals repeat it)."""
    return (response.status_code, response.headers.get("Content-Type"),
            response.text.replace(f"'{name}'", "'<name>'"))


BODIES = [
    {},
    {"reset_token": "forged-token", "new_password": "A-new-long-password-9"},
    {"reset_token": "forged-token"},
    {"old_password": "secret-pw-123", "new_password": "A-new-long-password-9"},
    {"unexpected": True},
]


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("login", [None, "bob"])
def test_a_member_and_a_stranger_get_the_same_answer(site, client, mailbox, body, login):
    asking = client(login)
    for_member = asking.post("/@users/ada/reset-password", json=body)
    for_nobody = asking.post("/@users/nobody-here/reset-password", json=body)
    assert for_member.status_code < 500, for_member.text
    assert answer(for_nobody, "nobody-here") == answer(for_member, "ada")


def test_only_the_member_gets_the_mail(site, client, mailbox):
    for_member = client().post("/@users/ada/reset-password", json={})
    assert for_member.status_code == 200, for_member.text
    [mail] = mailbox()
    assert mail["To"] == "ada@example.org"
    for_nobody = client().post("/@users/nobody-here/reset-password", json={})
    assert answer(for_nobody, "nobody-here") == answer(for_member, "ada")
    assert len(mailbox()) == 1


def test_a_member_the_mail_cannot_reach_gets_the_same_answer_and_no_mail(site, client, mailbox):
    with api.env.adopt_roles(["Manager"]):
        api.user.get(userid="cleo").setMemberProperties({"email": ""})
    transaction.commit()
    for_member = client().post("/@users/cleo/reset-password", json={})
    for_nobody = client().post("/@users/nobody-here/reset-password", json={})
    assert answer(for_member, "cleo") == answer(for_nobody, "nobody-here")
    assert for_member.status_code == 200
    assert mailbox() == []


def test_the_member_can_still_reset_with_the_mailed_token(site, client, mailbox):
    client().post("/@users/ada/reset-password", json={})
    [mail] = mailbox()
    token = re.search(r"/passwordreset/(\w+)", mail.get_body(("plain", "html")).get_content())
    reset = client().post(
        "/@users/ada/reset-password",
        json={"reset_token": token.group(1), "new_password": "A-new-long-password-9"},
    )
    assert reset.status_code == 200, reset.text
    assert client().get("/@users/ada", auth=("ada", "A-new-long-password-9")).status_code == 200
