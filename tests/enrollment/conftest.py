from plone import api

import pytest


@pytest.fixture
def members(portal):
    """Platform members whose wiki usernames (their logins here) are Ada, Bob, Cleo."""
    with api.env.adopt_roles(["Manager"]):
        for login in ("ada", "bob", "cleo"):
            api.user.create(email=f"{login}@example.org", username=login, password="secret-pw-123")
    return {login: api.user.get(username=login) for login in ("ada", "bob", "cleo")}


@pytest.fixture
def open_session(make_session):
    def open_session(**fields):
        session = make_session(**fields)
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(session, "open")
        return session

    return open_session
