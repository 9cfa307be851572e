"""`make start` for real: scripts/start.sh on a fresh instance (ZEO over FileStorage,
the task worker, waitress), stopped with Ctrl-C and started again."""

from datetime import date
from pathlib import Path
from running_platform import ADMIN
from running_platform import Platform
from wikimooc.policy.demo import DEMO_COURSES

import base64
import pytest
import re
import subprocess
import sys
import urllib.error
import urllib.request


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    platform = Platform(tmp_path_factory.mktemp("platform"))
    platform.start()
    yield platform
    if platform.process.poll() is None:
        platform.interrupt()


@pytest.mark.parametrize("language, title", [
    ("en", "Learn to contribute to the Wikimedia projects"),
    ("fr", "Apprenez à contribuer aux projets Wikimedia"),
])
def test_language_roots_are_served(platform, language, title):
    """Each language root's home page is its course catalogue."""
    html = platform.get(f"/{language}")
    assert re.search(rf'<html[^>]*\blang="{language}"', html)
    assert re.search(rf"<h1[^>]*>\s*{title}\s*</h1>", html)


@pytest.mark.parametrize("course", DEMO_COURSES, ids=lambda course: course.id)
def test_demo_course_is_visible_to_anonymous_visitors(platform, course):
    html = platform.get(f"/{course.language}/{course.id}")
    assert re.search(rf'<html[^>]*\blang="{course.language}"', html)
    assert course.title in html


def test_private_session_is_not_visible_to_anonymous_visitors(platform):
    path = "/en/how-to-contribute-to-wikipedia/university-session-2027"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(
            urllib.request.Request(platform.url + path, headers={"Accept": "application/json"}),
            timeout=30,
        )
    assert refused.value.code == 401
    assert platform.api(path)["title"] == "University session"


def test_demo_sessions_run_on_the_day_the_platform_is_created(platform):
    session = platform.api("/en/how-to-contribute-to-wikipedia/public-session-2027")
    start, end = date.fromisoformat(session["start"]), date.fromisoformat(session["end"])
    assert start <= date.today() <= end


def test_worker_runs_tasks_inside_the_site(platform):
    result = subprocess.run(
        [
            str(Path(sys.prefix) / "bin" / "wikimooc-worker"),
            "--ping",
            "--timeout",
            "60",
            str(platform.instance / "etc" / "zope.conf"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "reached 'WikiMOOC' as wikimooc-worker" in result.stdout


def test_uploaded_files_are_stored_as_blobs(platform):
    payload = bytes(range(256)) * 64
    platform.api(
        "/en",
        {
            "@type": "File",
            "id": "syllabus.bin",
            "file": {
                "data": base64.b64encode(payload).decode(),
                "encoding": "base64",
                "filename": "syllabus.bin",
                "content-type": "application/octet-stream",
            },
        },
    )
    download = platform.request("/en/syllabus.bin/@@download/file", auth=True)
    assert download == payload
    assert any((platform.instance / "var" / "blobstorage").rglob("*.blob"))


def page_cache_answer(url, **headers):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as page:
        return page.headers.get("X-WikiMOOC-Cache"), page.read().decode()


def test_anonymous_pages_come_from_the_page_cache_until_the_course_is_saved(platform):
    course = platform.url + "/en/how-to-contribute-to-wikipedia"
    page_cache_answer(course)
    hit, page = page_cache_answer(course)
    assert hit == "hit"
    platform.api("/en/how-to-contribute-to-wikipedia", {"title": "Renamed for the cache"}, "PATCH")
    hit, page = page_cache_answer(course)
    assert hit is None and "Renamed for the cache" in page
    assert page_cache_answer(course) == ("hit", page)


def test_switching_caching_off_empties_the_page_cache_at_once(platform):
    course = platform.url + "/en/how-to-contribute-to-wikipedia"
    page_cache_answer(course)
    assert page_cache_answer(course)[0] == "hit"
    switch = "plone.caching.interfaces.ICacheSettings.enabled"
    platform.api("/@registry", {switch: False}, "PATCH")
    try:
        assert [page_cache_answer(course)[0] for _ in range(2)] == [None, None]
    finally:
        platform.api("/@registry", {switch: True}, "PATCH")


def test_logged_in_visitors_never_get_a_page_from_the_page_cache(platform):
    course = platform.url + "/en/how-to-contribute-to-wikipedia"
    page_cache_answer(course)
    admin = "Basic " + base64.b64encode(":".join(ADMIN).encode()).decode()
    for _ in range(2):
        hit, page = page_cache_answer(course, Authorization=admin)
        assert hit is None and "userrole-anonymous" not in page


def test_restart_keeps_what_was_created_through_the_web(platform):
    created = platform.api(
        "/fr", {"@type": "Document", "id": "notes-atelier", "title": "Notes de l'atelier"}
    )
    assert created["language"]["token"] == "fr"
    courses_before = platform.api("/@search?portal_type=Folder&b_size=100")["items_total"]

    platform.interrupt()
    assert not platform.processes_left()
    platform.start()

    assert platform.api("/fr/notes-atelier")["title"] == "Notes de l'atelier"
    courses_after = platform.api("/@search?portal_type=Folder&b_size=100")["items_total"]
    assert courses_after == courses_before
    assert "is up to date; its content was kept" in platform.log.read_text()
