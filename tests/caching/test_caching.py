"""Caching of public pages (plone.app.caching, in each instance's RAM): anonymous
visitors get cached pages that change as soon as the course is saved; logged-in
visitors and private sessions never get a cached page."""

from plone import api

import requests
import transaction


def anonymous_get(url):
    return requests.get(url, timeout=30)


def test_an_anonymous_course_page_comes_from_the_ram_cache_until_the_course_changes(site):
    course = site["course"]
    first = anonymous_get(course.absolute_url())
    assert first.status_code == 200 and "X-RAMCache" not in first.headers
    second = anonymous_get(course.absolute_url())
    assert second.headers.get("X-RAMCache") == "plone.app.caching.operations.ramcache"
    assert second.text == first.text

    with api.env.adopt_roles(["Manager"]):
        course.title = "Introduction, second edition"
        course.reindexObject()
    transaction.commit()
    changed = anonymous_get(course.absolute_url())
    assert "X-RAMCache" not in changed.headers
    assert "Introduction, second edition" in changed.text


def test_logged_in_visitors_never_get_a_cached_page(site, client):
    teacher = client("teacher")
    teacher.session.headers["Accept"] = "text/html"
    for _ in range(2):
        answer = teacher.get(site["course"].absolute_url())
        assert answer.status_code == 200
        assert "X-RAMCache" not in answer.headers
        assert "public" not in answer.headers.get("Cache-Control", "")


def test_a_private_session_is_never_cached(site, client):
    private = site["private"]
    anonymous = anonymous_get(private.absolute_url())
    assert "Private session" not in anonymous.text  # the login form, not the session
    teacher = client("teacher")
    teacher.session.headers["Accept"] = "text/html"
    for _ in range(2):
        page = teacher.get(private.absolute_url())
        assert "Private session" in page.text and "X-RAMCache" not in page.headers
