"""The public session of tests/conftest.py's ``site`` with learners (Ada prefers
French, the others follow the session's English; Cleo has a certificate, Dan never
did anything), the site's MailHost pointed at a real SMTP server on loopback
(smtp_servers.py), and helpers to write and send announcements."""

from datetime import date
from plone import api
from smtp_servers import SMTPServer
from wikimooc.policy.certificates.issuing import issue
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.taskqueue.queue import huey
from wikimooc.policy.tracking.storage import Progress
from wikimooc.policy.tracking.storage import tracking_of

import pytest
import transaction


PUBLIC = "/en/intro/public-session"
LEARNERS = ["ada", "bob", "cleo", "dan", "eve"]
REFUSED = "eve@example.org"


@pytest.fixture
def smtp():
    with SMTPServer(refused={REFUSED}) as server:
        yield server


@pytest.fixture
def learners(site, smtp):
    with api.env.adopt_roles(["Manager"]):
        add_learners(site["public"], LEARNERS, added_by="teacher")
        add_learners(site["private"], ["gus"], added_by="teacher")
        api.user.get(userid="ada").setMemberProperties({"language": "fr"})
        session = site["public"]
        issue(session, session.enrollments.learners["Cleo"], (), ())
        tracking_of(session).progress[("Bob", "some-exercise")] = Progress(
            True, "2027-03-02T10:00:00Z", revid=12
        )
    # Plone's mail settings (Site Setup → Mail), which its MailHost sends with.
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp.port)
    api.portal.set_registry_record("plone.email_from_address", "courses@wikimooc.example.org")
    api.portal.set_registry_record("plone.email_from_name", "WikiMOOC")
    # The worker's links start with the site's public address (the test server's).
    api.portal.set_registry_record("wikimooc.public_url", site["portal"].absolute_url())
    transaction.commit()
    huey.flush()
    return site


@pytest.fixture
def french_session(learners):
    """/fr/cours/printemps: a session of a French course, taught by "teacher", where
    Bob (who names no language of his own) learns."""
    portal = learners["portal"]
    with api.env.adopt_roles(["Manager"]):
        cours = api.content.create(
            container=portal["fr"], type="Course", id="cours", title="Cours",
            projects=("wikipedia",), organisation="Wikimédia France",
        )
        session = api.content.create(
            container=cours, type="CourseSession", id="printemps", title="Printemps",
            start=date(2027, 3, 1), end=date(2027, 4, 30), wiki="fr.wikipedia.org",
            teachers=["teacher"],
        )
        api.content.transition(session, "open")
        add_learners(session, ["bob"], added_by="teacher")
    transaction.commit()
    return session


@pytest.fixture
def write(client):
    """POST an announcement to the public session as ``login``."""

    def write(login="teacher", path=PUBLIC, **fields):
        body = {"subject": "Week 2 is open", "text": "Read the second module.", **fields}
        return client(login).post(path + "/@announcements", json=body)

    return write


@pytest.fixture
def run_worker():
    """Run what the web requests queued, as the worker does (its own connection)."""

    def run_worker():
        ran = 0
        while huey.pending_count():
            huey.execute(huey.dequeue())
            ran += 1
        transaction.begin()  # see what the worker committed
        return ran

    return run_worker
