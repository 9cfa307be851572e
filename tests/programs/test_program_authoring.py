"""Staff add a program in the Classic UI add form, in a language root or in a
chapter's folder; its sessions are chosen among those the editor may see."""

from html_pages import html_client
from plone import api
from wikimooc.policy.isolated import isolated
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory

import pytest
import re
import transaction


def add_program(client, container, fields):
    manager = html_client(client, "manager")
    address = f"/{container}/++add++Program"
    page = manager.get(address)
    assert page.status_code == 200, page.text
    return page, manager.post(address, data={
        "_authenticator": re.search(r'name="_authenticator"[^>]*value="([^"]+)"',
                                    page.text).group(1),
        "form.widgets.IDublinCore.title": "Our year",
        "form.widgets.organisation": "Wikimedia UK",
        "form.buttons.save": "Save",
        **fields,
    })


@pytest.fixture
def chapter_folder(site):
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=site["portal"]["en"], type="Folder", id="chapter",
                           title="Our chapter")
    transaction.commit()
    return "en/chapter"


@pytest.mark.parametrize("container", ["en", "chapter"])
def test_a_program_is_added_with_its_sessions(site, client, chapter_folder, container):
    container = chapter_folder if container == "chapter" else container
    sessions = [site["public"].UID(), site["private"].UID()]
    form, saved = add_program(client, container, {
        "form.widgets.sessions:list": sessions,
        "form.widgets.period_start": "2027-01-01",
        "form.widgets.period_end": "2027-12-31",
    })
    # The option's three names isolated (the option holds no markup).
    label = f"{isolated('Introduction')}: {isolated('Private session')}"
    assert f"{label} ({isolated('en.wikipedia.org')})" in form.text
    assert saved.status_code == 200 and "/our-year" in saved.url
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        program = api.content.get(path=f"/{container}/our-year")
    assert program.portal_type == "Program" and sorted(program.sessions) == sorted(sessions)
    assert program.organisation == "Wikimedia UK"


def test_a_period_that_ends_before_it_starts_is_refused(site, client):
    _form, saved = add_program(client, "en", {
        "form.widgets.period_start": "2027-12-31",
        "form.widgets.period_end": "2027-01-01",
    })
    assert "The period cannot end before it starts." in saved.text
    transaction.begin()
    assert "our-year" not in site["portal"]["en"]


@pytest.mark.parametrize(("login", "sees_private"), [("bob", False), ("teacher", True)])
def test_the_sessions_offered_are_those_the_editor_may_see(site, login, sees_private):
    factory = getUtility(IVocabularyFactory, name="wikimooc.ProgramSessions")
    with api.env.adopt_user(username=login):
        offered = {term.value for term in factory(site["portal"]["en"])}
    assert site["public"].UID() in offered
    assert (site["private"].UID() in offered) is sees_private


def test_a_program_is_not_offered_as_its_own_part(site):
    with api.env.adopt_roles(["Manager"]):
        first = api.content.create(container=site["portal"]["en"], type="Program",
                                   id="first", title="First")
        second = api.content.create(container=site["portal"]["en"], type="Program",
                                    id="second", title="Second")
        offered = {term.value for term in
                   getUtility(IVocabularyFactory, name="wikimooc.Programs")(first)}
    assert offered == {second.UID()}


def test_a_program_cannot_contain_itself_through_another(site, client):
    with api.env.adopt_roles(["Manager"]):
        outer = api.content.create(container=site["portal"]["en"], type="Program",
                                   id="outer", title="Outer")
        inner = api.content.create(container=site["portal"]["en"], type="Program",
                                   id="inner", title="Inner", programs=[outer.UID()])
    transaction.commit()
    manager = html_client(client, "manager")
    page = manager.get("/en/outer/edit")
    saved = manager.post("/en/outer/edit", data={
        "_authenticator": re.search(r'name="_authenticator"[^>]*value="([^"]+)"',
                                    page.text).group(1),
        "form.widgets.IDublinCore.title": "Outer",
        "form.widgets.programs:list": [inner.UID()],
        "form.buttons.save": "Save",
    })
    assert "A program cannot contain itself, not even through other programs." in saved.text
    transaction.begin()
    assert not outer.programs
