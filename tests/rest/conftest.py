"""REST tests through a real HTTP server (the functional layer's WSGI server)."""

from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import requests
import transaction


PASSWORD = "secret-pw-123"
USERS = ("ada", "bob", "cleo", "dan", "eve", "fay", "gus", "hal", "ida", "teacher")


class Client:
    def __init__(self, base_url, auth=None):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers["Accept"] = "application/json"
        self.session.auth = auth

    def __getattr__(self, method):
        def call(path, **kwargs):
            url = path if path.startswith("http") else self.base_url + path
            return self.session.request(method.upper(), url, timeout=60, **kwargs)

        return call


@pytest.fixture
def site(functional_portal):
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        for login in USERS:
            api.user.create(email=f"{login}@example.org", username=login, password=PASSWORD)
        course = api.content.create(
            container=portal["en"], type="Course", id="intro", title="Introduction",
            projects=("wikipedia",), audience=("students",), organisation="Wikimedia UK",
            authors=["Ada Lovelace"],
        )
        api.content.transition(course, "publish")
        sessions = {}
        for kind, policy, extra in (
            ("public", "open", {}),
            ("private", "key", {"enrollment_key": "pillars"}),
        ):
            session = api.content.create(
                container=course, type="CourseSession", id=f"{kind}-session",
                title=f"{kind.title()} session", kind=kind, enrollment_policy=policy,
                start=date(2027, 3, 1), end=date(2027, 4, 30), wiki="en.wikipedia.org",
                teachers=["teacher"], **extra,
            )
            api.content.transition(session, "open")
            sessions[kind] = session
    transaction.commit()
    return {"portal": portal, "course": course, **sessions}


@pytest.fixture
def client(functional_portal):
    def client(login=None):
        if login is None:
            auth = None
        elif login == "manager":
            auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        else:
            auth = (login, PASSWORD)
        return Client(functional_portal.absolute_url(), auth)

    return client
