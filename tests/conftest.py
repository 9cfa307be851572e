from datetime import date
from datetime import timedelta
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from pytest_plone import fixtures_factory
from wikimooc.theme.testing import WIKIMOOC_FUNCTIONAL_TESTING
from wikimooc.theme.testing import WIKIMOOC_INTEGRATION_TESTING
from zope.i18n.compile import compile_mo_file

import pytest
import requests
import shutil
import socket
import subprocess
import time
import transaction


pytest_plugins = ["pytest_plone", "mediawiki_fixtures", "video_hosts"]


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "slow: starts a whole platform (make start) and takes a minute or more;"
        " make test runs it, -m 'not slow' leaves it out",
    )
    if not hasattr(config, "workerinput"):
        compile_catalogues()


def compile_catalogues():
    """Zope compiles each .po whose .mo is older when a test layer starts; two test
    processes (pytest-xdist) doing it at once read each other's half-written .mo
    files, so the main process compiles them before it starts any."""
    packages = Path(__file__).parent.parent / "src"
    for po_file in packages.glob("*/src/wikimooc/*/locales/*/LC_MESSAGES/*.po"):
        compile_mo_file(po_file.stem, str(po_file.parent))


globals().update(
    fixtures_factory((
        (WIKIMOOC_FUNCTIONAL_TESTING, "functional"),
        (WIKIMOOC_INTEGRATION_TESTING, "integration"),
    ))
)


def redis_answers(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis: the machine's at 127.0.0.1:6379, or a private redis-server."""
    machine_url = "redis://127.0.0.1:6379/15"
    if redis_answers(machine_url):
        yield machine_url
        return
    if not shutil.which("redis-server"):
        pytest.fail(
            "These tests need Redis: run one at 127.0.0.1:6379 or install redis-server"
            " (apt-get install redis-server)."
        )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path_factory.mktemp("redis"))],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/15"
    deadline = time.monotonic() + 10
    while not redis_answers(url):
        assert time.monotonic() < deadline, "the private redis-server did not start"
        time.sleep(0.1)
    yield url
    server.terminate()
    server.wait()


@pytest.fixture
def course(portal):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=portal["en"],
            type="Course",
            id="intro",
            title="Introduction to Wikipedia",
            projects=("wikipedia",),
            organisation="Wikimedia UK",
            authors=["Ada", "Grace"],
        )


@pytest.fixture
def make_session(course):
    def make_session(**fields):
        values = {
            "title": "Spring 2027",
            "start": date(2027, 3, 1),
            "end": date(2027, 4, 30),
            "wiki": "en.wikipedia.org",
            **fields,
        }
        with api.env.adopt_roles(["Manager"]):
            return api.content.create(container=course, type="CourseSession", **values)

    return make_session


@pytest.fixture
def open_wiki_session():
    """``open_wiki_session(course, host, teacher, **fields)``: an open session ``s``
    of ``course`` on the wiki ``host``, started yesterday and ending in 30 days,
    taught by ``teacher`` (a user id); committed."""

    def open_wiki_session(course, host, teacher, **fields):
        values = {"id": "s", "start": date.today() - timedelta(days=1),
                  "end": date.today() + timedelta(days=30), **fields}
        with api.env.adopt_roles(["Manager"]):
            session = api.content.create(container=course, type="CourseSession", wiki=host,
                                         teachers=[teacher], **values)
            api.content.transition(session, "open")
        transaction.commit()
        return session

    return open_wiki_session


# Functional fixtures: a real HTTP server (the functional layer's WSGI server).

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
        # A course needs a module to be submitted for review, hence published.
        api.content.create(container=course, type="Module", id="about", title="About")
        api.content.transition(course, to_state="published")
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
