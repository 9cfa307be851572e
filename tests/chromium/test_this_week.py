"""A learner's "This week" in a real browser (Debian's Chromium): on the session
page and My courses, what is open, what is due next and what is late, with the
dates in the learner's words; the next module's content stays locked."""

from datetime import date
from datetime import timedelta
from playwright.sync_api import expect
from plone import api
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.coursedates.rules import set_schedule
from wikimooc.policy.enrollment import enroll

import pytest
import transaction


PASSWORD = "This-Week-Learner-64"


@pytest.fixture
def running_session(functional_portal):
    """A session that started eight days ago, a module a week (Week 2 opened
    yesterday), where the learner "wren" enrolled and did nothing yet."""
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="wren@example.org", username="wren", password=PASSWORD)
        course = api.content.create(container=portal["en"], type="Course", id="weekly",
                                    title="Week by week", projects=("wikipedia",),
                                    organisation="Wikimedia UK")
        for number in (1, 2, 3):
            module = api.content.create(container=course, type="Module", id=f"week{number}",
                                        title=f"Week {number}")
            api.content.create(container=module, type="Lesson", id="lesson",
                               title=f"Lesson {number}")
            api.content.create(container=module, type="Exercise", id="exercise",
                               title=f"Exercise {number}", check="wiki", wiki_action="edit",
                               instructions=RichTextValue("<p>Edit.</p>"))
        api.content.transition(course, to_state="published")
        session = api.content.create(
            container=course, type="CourseSession", id="running", title="Running now",
            start=date.today() - timedelta(days=8), end=date.today() + timedelta(days=40),
            wiki="en.wikipedia.org",
        )
        api.content.transition(session, "open")
        enroll(session, api.user.get(username="wren"))
        set_schedule(session, {})
    transaction.commit()
    return session


def test_a_learner_sees_this_week(running_session, new_page, log_in, accessible, screenshot):
    page = new_page()
    log_in(page, "wren", PASSWORD)
    page.goto("en/weekly/running")
    week = page.locator(".wikimooc-this-week")
    expect(week.get_by_role("heading", name="This week")).to_be_visible()
    expect(week.locator(".wikimooc-week-open")).to_contain_text("Week 2")
    expect(week.locator(".wikimooc-week-due")).to_contain_text("Exercise 2")
    expect(week.locator(".wikimooc-week-late")).to_contain_text("Exercise 1")
    next_opening = (date.today() - timedelta(days=8) + timedelta(days=14))
    expect(week.locator(".wikimooc-week-next")).to_contain_text(
        f"Week 3 opens on {next_opening.day} {next_opening.strftime('%B %Y')}")
    accessible(page)
    screenshot(page, "this-week-session")

    week.get_by_role("link", name="Exercise 2").click()
    expect(page.get_by_role("heading", name="Exercise 2")).to_be_visible()

    page.goto("en/weekly/week3/lesson")
    expect(page.locator(".wikimooc-locked")).to_contain_text("This module opens on")
    expect(page.get_by_text("Lesson 3")).to_have_count(0)

    page.goto("en/@@my-courses")
    expect(page.locator(".wikimooc-this-week .wikimooc-week-late")).to_contain_text("Exercise 1")
    screenshot(page, "this-week-my-courses")
