"""Locked modules, on every channel: before its opening date a learner sees a
module's title and date, not its content (its page, REST, the search page and
@search, the lesson pager, the practice link); teachers and authors see all, and
so do visitors who learn in no session of the course."""

from html_pages import html_client

import pytest


SESSION = "/en/intro/public-session"
NOW = "2027-03-09T12:00"  # Week 1 is open, Weeks 2 and 3 are not


@pytest.fixture
def locked(dated, set_now):
    set_now(NOW)
    return dated


@pytest.mark.parametrize(
    "login, sees_week2",
    [("ada", False), ("bob", False), ("teacher", True), ("manager", True), ("cleo", True)],
)
def test_lesson_page_of_a_locked_module(locked, client, login, sees_week2):
    lesson = locked["lesson2"].absolute_url()
    page = html_client(client, login).get(lesson, allow_redirects=False)
    if sees_week2:
        assert page.status_code == 200
        assert "Lesson 2" in page.text
    else:
        assert page.status_code == 302
        assert page.headers["Location"] == locked["week2"].absolute_url()


def test_the_locked_module_page_shows_its_title_and_date_only(locked, client):
    module = html_client(client, "ada").get(locked["week2"].absolute_url()).text
    assert "Week 2" in module and "This module opens on" in module
    assert "March 15, 2027" in module
    assert "Lesson 2" not in module and "Exercise 2" not in module
    by_teacher = html_client(client, "teacher").get(locked["week2"].absolute_url()).text
    assert "Lesson 2" in by_teacher and "This module opens on" not in by_teacher


@pytest.mark.parametrize("part", ["week2", "lesson2", "exercise2", "quiz2"])
def test_rest_refuses_a_locked_module_and_its_content(locked, client, part):
    response = client("ada").get(locked[part].absolute_url())
    assert response.status_code == 403
    assert response.json()["message"] == (
        "Week 2 opens on March 15, 2027: its content is shown from then on.")
    assert client("teacher").get(locked[part].absolute_url()).status_code == 200


def test_rest_search_leaves_out_what_is_locked(locked, client):
    def titles(login):
        answer = client(login).get("/@search", params={"SearchableText": "Lesson"}).json()
        return sorted(item["title"] for item in answer["items"])

    assert titles("ada") == ["Lesson 1"]
    assert titles("teacher") == ["Lesson 1", "Lesson 2", "Lesson 3"]
    assert titles(None) == ["Lesson 1", "Lesson 2", "Lesson 3"]


def test_the_search_page_leaves_out_what_is_locked(locked, client):
    learner = html_client(client, "ada").get("/en/@@search", params={"SearchableText": "Lesson"})
    assert "Lesson 1" in learner.text and "Lesson 2" not in learner.text
    teacher = html_client(client, "teacher").get("/en/@@search",
                                                  params={"SearchableText": "Lesson"})
    assert "Lesson 2" in teacher.text


def test_the_pager_never_leads_into_a_locked_module(locked, client):
    last_open = locked["quiz1"].absolute_url()
    learner = html_client(client, "ada").get(last_open).text
    assert 'rel="next"' not in learner
    assert locked["lesson2"].absolute_url() not in learner
    teacher = html_client(client, "teacher").get(last_open).text
    assert f'href="{locked["lesson2"].absolute_url()}"' in teacher


def test_no_practice_link_into_a_locked_module(locked, client):
    learner = html_client(client, "ada").get(locked["lesson2"].absolute_url())
    assert "wikimooc-practice" not in learner.text
    opened = html_client(client, "ada").get(locked["lesson1"].absolute_url()).text
    assert "wikimooc-practice" in opened


def test_the_syllabus_shows_locked_modules_with_their_date(locked, client):
    page = html_client(client, "ada").get(SESSION).text
    assert "Opens on" in page and "March 15, 2027" in page
    assert "Lesson 1" in page and "Lesson 2" not in page


DUE = '<span class="wikimooc-badge wikimooc-due">due March 14, 2027</span>'


@pytest.mark.parametrize(
    "page, fragment",
    [
        ("/en/intro/public-session", f"Exercise 1</a>\n        {DUE}"),  # the syllabus
        ("/en/intro/week1", f"Quiz 1</a>\n        {DUE}"),  # the module page
        ("/en/intro/week1/lesson", f"<bdi>Exercise 1</bdi>\n    {DUE}"),  # the pager
    ],
)
def test_due_badges_on_the_syllabus_module_page_and_pager(locked, client, page, fragment):
    assert fragment in html_client(client, "ada").get(page).text
    assert "wikimooc-due" not in html_client(client, "cleo").get(page).text
