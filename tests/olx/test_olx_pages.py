"""The Classic UI pages (functional layer, over HTTP): who may open the import page,
CSRF on its form, the export's file, and the export refused under a licence that
keeps the course its authors'. The whole upload → report → confirm journey is the
Chromium test (tests/chromium/test_olx_import.py)."""

from olx_archives import tar_gz
from plone import api
from wikimooc.policy.olx.archive import Limits
from wikimooc.policy.olx.archive import read_archive
from wikimooc.policy.taskqueue.queue import huey

import pytest
import transaction


@pytest.fixture
def author(site):
    api.user.grant_roles(username="bob", obj=site["portal"]["fr"], roles=["Course Author"])
    transaction.commit()
    huey.flush()
    return "bob"


@pytest.mark.parametrize(("login", "shown"), [
    ("bob", 'id="olx-archive"'),
    ("ada", "Vous ne pouvez pas ajouter de cours ici."),
    (None, "Connectez-vous pour importer un cours."),
])
def test_the_import_page_is_for_who_may_add_courses_there(author, client, login, shown):
    page = client(login).get("/fr/@@import-olx", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert shown in page.text
    if login != "bob":
        assert 'id="olx-archive"' not in page.text


def test_the_upload_form_needs_its_csrf_token(author, client):
    response = client(author).post(
        "/fr/@@import-olx", headers={"Accept": "text/html"},
        files={"archive": ("wikimooc.tar.gz", tar_gz({"course.xml": "<course/>"}))})
    assert response.status_code == 403
    assert huey.pending_count() == 0


def test_export_gives_the_archive(site, client):
    response = client("ada").get("/en/intro/@@export-olx")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/gzip"
    assert 'filename="intro.tar.gz"' in response.headers["Content-Disposition"]
    files = read_archive(response.content, Limits())
    assert b'display_name="Introduction"' in files["course/wikimooc.xml"]


def test_export_is_refused_where_the_licence_forbids_reuse(site, client):
    with api.env.adopt_roles(["Manager"]):
        site["course"].license = "all-rights-reserved"
    transaction.commit()
    response = client("ada").get("/en/intro/@@export-olx", headers={"Accept": "text/html"})
    assert response.headers["Content-Type"].startswith("text/html")
    assert "The licence of this course does not allow reusing it." in response.text
    rest = client("ada").get("/en/intro/@olx-export")
    assert rest.status_code == 403 and rest.json()["error"]["type"] == "ReuseRefused"
