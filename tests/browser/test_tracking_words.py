"""Sessions whose edits cannot count yet (not started) or any more (ended past the
grace period) say so wherever progress is shown, instead of promising that the
page updates by itself: exercise and lesson pages, the practice panel, My courses
and the teachers' dashboard. Dates are in the reader's language."""

from datetime import date
from datetime import timedelta
from html import unescape
from plone import api
from wikimooc.policy.enrollment import enroll

import pytest
import re
import transaction


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def three_sessions(site):
    """Ada learns in a running session, one that starts on 1 March 2027 and one
    whose tracking ended (it ended 40 days ago; the grace period is 30 days)."""
    today = date.today()
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=site["course"], type="Module", id="basics",
                                    title="The basics")
        api.content.create(container=module, type="Lesson", id="wikis", title="What a wiki is")
        api.content.create(container=module, type="Exercise", id="draft", title="Your draft",
                           check="wiki", wiki_action="create_page",
                           title_pattern="User:{username}/Brouillon")
        sessions = {"future": site["public"]}
        for name, start, end in (
            ("running", today - timedelta(days=2), today + timedelta(days=30)),
            ("over", today - timedelta(days=100), today - timedelta(days=40)),
        ):
            sessions[name] = api.content.create(
                container=site["course"], type="CourseSession", id=name, title=f"{name} session",
                start=start, end=end, wiki="en.wikipedia.org", teachers=["teacher"],
            )
            api.content.transition(sessions[name], "open")
        for session in sessions.values():
            enroll(session, api.user.get(username="ada"))
    transaction.commit()
    grace_end = today - timedelta(days=40) + timedelta(days=30)
    return {**sessions, "grace_end": grace_end}


def british(visitor):
    visitor.session.headers["Accept-Language"] = "en-GB,en;q=0.8"
    return visitor


def long_day(day):
    return f"{day.day} {day:%B %Y}"


def test_the_exercise_page_says_when_edits_count(three_sessions, page):
    html = page("ada").get("/en/intro/basics/draft").text
    text = text_of(html)
    assert text.count("This page updates by itself") == 1  # the running session only
    assert "Your edits count from 1 March 2027, when the session starts." in british_text(page)
    assert (
        "Your edits no longer count: the session's tracking ended on "
        f"{long_day(three_sessions['grace_end'])}." in british_text(page)
    )
    # Only the running session's progress is read again by the page.
    assert re.findall(r'data-progress-url="([^"]+)"', html) == [
        three_sessions["running"].absolute_url() + "/@progress"
    ]


def british_text(page, path="/en/intro/basics/draft"):
    return text_of(british(page("ada")).get(path).text)


def test_the_practice_panel_says_when_edits_count(three_sessions, page):
    text = british_text(page, "/en/intro/basics/wikis")
    assert text.count("this page shows when the platform sees your edit") == 1
    # The lesson's exercise progress and the practice panel.
    assert text.count("Your edits count from 1 March 2027, when the session starts.") == 2


def test_my_courses_says_when_edits_count(three_sessions, page):
    text = british_text(page, "/en/@@my-courses")
    assert "Your edits count from 1 March 2027, when the session starts." in text
    assert "Your edits no longer count" in text


def test_the_dashboard_says_when_tracking_starts_and_ended(three_sessions, page):
    teacher = british(page("teacher"))
    future = text_of(teacher.get("/en/intro/public-session/@@dashboard").text)
    assert "Tracking starts on 1 March 2027." in future
    assert "Last checked: —" not in future and "next check due: —" not in future
    over = text_of(teacher.get("/en/intro/over/@@dashboard").text)
    assert f"Tracking ended on {long_day(three_sessions['grace_end'])}." in over
    running = text_of(teacher.get("/en/intro/running/@@dashboard").text)
    assert "Not checked yet." in running and "Tracking" not in running


def test_french_pages_give_the_date_in_french(three_sessions, site, page):
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(container=site["portal"]["fr"], type="Course", id="cours",
                                    title="Cours", projects=("wikipedia",), organisation="WMFr")
        module = api.content.create(container=course, type="Module", id="bases", title="Bases")
        api.content.create(container=module, type="Exercise", id="brouillon", title="Brouillon",
                           check="wiki", wiki_action="create_page")
        session = api.content.create(container=course, type="CourseSession", id="printemps",
                                     title="Printemps", start=date(2027, 3, 1),
                                     end=date(2027, 4, 30), wiki="fr.wikipedia.org")
        api.content.transition(course, to_state="published")
        api.content.transition(session, "open")
        enroll(session, api.user.get(username="ada"))
    transaction.commit()
    text = text_of(page("ada").get("/fr/cours/bases/brouillon").text)
    assert "Vos modifications comptent à partir du 1 mars 2027, début de la session." in text
