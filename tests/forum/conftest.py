"""A course with a lesson; Ada and Bob learn in its public session, Cleo in its
private one, both taught by "teacher" (the ``site`` fixture of tests/conftest.py,
over the functional layer's HTTP server); a French session; a mock mail host;
helpers to post."""

from datetime import date
from mailboxes import mock_mailbox
from plone import api
from wikimooc.policy.enrollment import add_learners

import pytest
import transaction


PUBLIC = "/en/intro/public-session"


@pytest.fixture
def forum(site):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(
            container=site["course"], type="Module", id="basics", title="Basics"
        )
        lesson = api.content.create(
            container=module, type="Lesson", id="pillars", title="The five pillars"
        )
        add_learners(site["public"], ["ada", "bob"], added_by="teacher")
        add_learners(site["private"], ["cleo"], added_by="teacher")
    transaction.commit()
    return {**site, "lesson": lesson}


@pytest.fixture
def mailbox(functional_portal):
    return mock_mailbox(functional_portal)


@pytest.fixture
def ask(client):
    """POST a question to the session at ``path`` as ``login``."""

    def ask(
        login, path=PUBLIC, title="How do I cite a book?", text="<p>Which template?</p>", **extra
    ):
        return client(login).post(path + "/@forum", json={"title": title, "text": text, **extra})

    return ask


@pytest.fixture
def asked(ask):
    """A question Ada asked in the public session: its URL."""
    response = ask("ada")
    assert response.status_code == 201, response.text
    return response.json()["@id"]


@pytest.fixture
def reply(client):
    def reply(login, question_url, text="<p>Use {{Cite book}}.</p>"):
        return client(login).post(question_url + "/@answers", json={"text": text})

    return reply


@pytest.fixture
def french_session(site, functional_portal):
    """/fr/intro/printemps: an open session of a French course, taught by "teacher",
    where Ada learns."""
    with api.env.adopt_roles(["Manager"]):
        cours = api.content.create(
            container=functional_portal["fr"], type="Course", id="intro", title="Introduction",
            projects=("wikipedia",), organisation="Wikimédia France",
        )
        api.content.create(container=cours, type="Module", id="about", title="À propos")
        api.content.transition(cours, to_state="published")
        session = api.content.create(
            container=cours, type="CourseSession", id="printemps", title="Printemps",
            start=date(2027, 3, 1), end=date(2027, 4, 30), wiki="fr.wikipedia.org",
            teachers=["teacher"],
        )
        api.content.transition(session, "open")
        add_learners(session, ["ada"], added_by="teacher")
    transaction.commit()
    return session
