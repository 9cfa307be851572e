"""The import over REST (functional layer, a real HTTP server): upload → the
worker's report → confirm → the worker's course; who may import; refusals in
French; the export."""

from olx_archives import full_course
from olx_archives import tar_gz
from plone import api
from wikimooc.policy.olx.archive import Limits
from wikimooc.policy.olx.archive import read_archive
from wikimooc.policy.olx.imports import ProgressWriter
from wikimooc.policy.taskqueue.queue import huey
from zope.component.hooks import setSite

import base64
import pytest
import transaction


def body(data, filename="wikimooc.tar.gz"):
    return {"file": {"data": base64.b64encode(data).decode(), "encoding": "base64",
                     "filename": filename}}


@pytest.fixture
def author(site):
    """bob may add courses in the French root, not elsewhere."""
    api.user.grant_roles(username="bob", obj=site["portal"]["fr"], roles=["Course Author"])
    transaction.commit()
    huey.flush()
    return "bob"


def run_worker(portal):
    """Run the one queued task as the worker does, in a connection of its own (which
    leaves no site set in this thread)."""
    assert huey.pending_count() == 1
    huey.execute(huey.dequeue())
    setSite(portal)
    transaction.begin()


def test_upload_report_confirm(site, author, client):
    bob = client(author)
    uploaded = bob.post("/fr/@olx-import", json=body(tar_gz(full_course())))
    assert uploaded.status_code == 202, uploaded.text
    assert uploaded.json()["status"] == "queued"
    address = uploaded.json()["@id"]
    run_worker(site["portal"])

    report = bob.get(address).json()
    assert report["status"] == "ready" and report["progress"] == 40
    assert (report["report"]["title"], report["report"]["language"]) == ("Wikimooc", "fr")
    assert [module["title"] for module in report["report"]["modules"]] == [
        "Discover", "Inline chapter"]
    assert [item["type"] for item in report["report"]["modules"][0]["contents"]] == [
        "Lesson", "Quiz", "Exercise"]
    skipped = {item["location"]: item["reason"] for item in report["report"]["skipped"]}
    assert skipped["lti_consumer/tool"].startswith("Un outil LTI")
    assert len(api.content.find(portal_type="Course", Title="Wikimooc")) == 0

    confirmed = bob.post(address, json={"license": "cc-by-sa-4.0", "projects": ["wikipedia"]})
    assert confirmed.status_code == 202, confirmed.text
    assert confirmed.json()["status"] == "creating"
    run_worker(site["portal"])

    done = bob.get(address).json()
    assert done["status"] == "done" and done["progress"] == 100
    with api.env.adopt_roles(["Manager"]):
        course = api.content.get(path=done["course"].split("/plone", 1)[1])
        assert course.portal_type == "Course" and course.Creator() == "bob"
        assert api.content.get_state(course) == "draft"


@pytest.mark.parametrize(("login", "path", "status", "error_type", "message"), [
    (None, "/fr/@olx-import", 401, "OlxRefused", "Connectez-vous pour importer un cours."),
    ("ada", "/fr/@olx-import", 403, "OlxRefused", "Vous ne pouvez pas ajouter de cours ici."),
    ("bob", "/en/@olx-import", 403, "OlxRefused", "You cannot add a course here."),
])
def test_only_who_may_add_courses_there_may_import(author, client, login, path, status,
                                                    error_type, message):
    response = client(login).post(path, json=body(tar_gz(full_course())))
    assert response.status_code == status, response.text
    assert response.json() == {"error": {"type": error_type, "message": message}}
    assert huey.pending_count() == 0


def test_a_hostile_archive_is_refused_in_the_report_in_french(site, author, client):
    bob = client(author)
    evil = tar_gz({"course.xml": "<course/>", "../../evil.txt": "x"}, top="")
    address = bob.post("/fr/@olx-import", json=body(evil)).json()["@id"]
    run_worker(site["portal"])
    report = bob.get(address).json()
    assert report["status"] == "refused"
    french = "L’archive contient un chemin hors d’elle-même (../../evil.txt)."  # noqa: RUF001
    assert report["refusal"] == french
    refused = bob.post(address, json={})
    assert refused.status_code == 409


def test_someone_elses_import_is_not_found(author, client):
    address = client(author).post("/fr/@olx-import", json=body(b"x")).json()["@id"]
    response = client("ada").get(address)
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Cet import n’existe pas ici."  # noqa: RUF001


def test_export_of_a_course(site, client):
    response = client("ada").get("/en/intro/@olx-export")
    assert response.status_code == 200, response.text
    files = read_archive(base64.b64decode(response.json()["data"]), Limits())
    assert b'display_name="Introduction"' in files["course/wikimooc.xml"]
    assert b'display_name="About"' in files["chapter/m1.xml"]


def test_the_progress_moves_with_each_item_made(site, author, client, monkeypatch):
    """While the worker creates the course (one transaction), the author's page asks
    over HTTP and sees the bar move item by item."""
    bob = client(author)
    address = bob.post("/fr/@olx-import", json=body(tar_gz(full_course()))).json()["@id"]
    run_worker(site["portal"])
    bob.post(address, json={"license": "cc-by-sa-4.0", "projects": ["wikipedia"]})
    seen, told = [], []
    write = ProgressWriter.__call__

    def writing(writer, done, total):
        write(writer, done, total)
        told.append((done, total))
        seen.append(bob.get(address).json()["progress"])

    monkeypatch.setattr(ProgressWriter, "__call__", writing)
    run_worker(site["portal"])
    # 5 static files, then each module, and each lesson with its quiz and exercise.
    assert told == [(1, 11), (2, 11), (3, 11), (4, 11), (5, 11), (6, 11), (9, 11),
                    (10, 11), (11, 11)]
    assert seen == sorted(seen) and len(set(seen)) == len(told)
    assert 50 < seen[0] < seen[-2] < 100 and seen[-1] == 100
    assert bob.get(address).json()["progress"] == 100
