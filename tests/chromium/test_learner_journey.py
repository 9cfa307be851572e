"""A learner's journey in a real browser, with the real local MediaWiki as the
session's wiki: catalogue → course → enroll → lesson → practice link (with the
lesson's tour) → exercise → the wiki's edit form, preloaded with the way back →
save on the wiki → back on the course, the exercise shows as done."""

from datetime import date
from datetime import timedelta
from playwright.sync_api import expect
from plone import api
from urllib.parse import parse_qs
from urllib.parse import urlsplit
from wikimooc.policy.tracking.checker import SETTLE_SECONDS
from wikimooc.policy.tracking.schedule import check_and_commit
from wikimooc.policy.tracking.storage import utc_now

import pytest
import secrets
import transaction


PASSWORD = "Journey-Learner-Pass-64"
TEMPLATE_TEXT = "Back to the course: [$1 $2]"


@pytest.fixture
def wiki_course(functional_portal, mediawiki):
    """A published course whose open session is on the test wiki; a learner with a
    wiki account and a platform member linked to it."""
    portal = functional_portal
    api.portal.set_registry_record("wikimooc.wikis", {mediawiki.host: mediawiki.api_url})
    mediawiki.edit_as(mediawiki.admin_user, mediawiki.admin_password,
                      "Template:WikiMOOC draft", TEMPLATE_TEXT)
    wiki_name = f"Journey {secrets.token_hex(3)}"
    mediawiki.create_user(wiki_name, PASSWORD)
    with api.env.adopt_roles(["Manager"]):
        member = api.user.create(email="journey@example.org", username="journey", password=PASSWORD)
        member.setMemberProperties({"wiki_username": wiki_name})
        course = api.content.create(
            container=portal["en"], type="Course", id="editing", title="Editing Wikipedia",
            description="Your first edits, step by step.", projects=("wikipedia",),
            audience=("general_public",), organisation="Wikimedia UK",
        )
        module = api.content.create(
            container=course, type="Module", id="first", title="First edits"
        )
        api.content.create(
            container=module, type="Lesson", id="sandbox", title="Your sandbox",
            wiki_pages=["Main Page"], tour="firstedit", tour_step="intro",
        )
        api.content.create(
            container=module, type="Exercise", id="draft", title="Your first draft",
            check="wiki", wiki_action="create_page", title_pattern="User:{username}/Brouillon",
            preload_template="Template:WikiMOOC draft", edit_mode="source",
        )
        session = api.content.create(
            container=course, type="CourseSession", id="now", title="Open now",
            start=date.today() - timedelta(days=1), end=date.today() + timedelta(days=30),
            wiki=mediawiki.host,
        )
        api.content.transition(course, to_state="published")
        api.content.transition(session, "open")
    transaction.commit()
    return {"course": course, "session": session, "wiki_name": wiki_name}


def query_of(url):
    return parse_qs(urlsplit(url).query)


def test_a_learner_goes_to_the_wiki_and_back(
    wiki_course, mediawiki, new_page, log_in, accessible, screenshot
):
    page = new_page()
    log_in(page, "journey", PASSWORD)

    page.goto("en?q=Editing")
    screenshot(page, "journey-1-catalogue")
    page.get_by_role("link", name="Editing Wikipedia").click()
    page.get_by_role("link", name="Open now").click()
    page.get_by_role("button", name="Enroll in this session").click()
    expect(page.get_by_text("You are enrolled in this session.").first).to_be_visible()
    screenshot(page, "journey-2-enrolled")

    page.get_by_role("link", name="Your sandbox").click()
    practice = page.locator("a.wikimooc-practice__go")
    assert practice.get_attribute("target") == "_blank"
    lesson_link = practice.get_attribute("href")
    assert f"title=User:{wiki_course['wiki_name'].replace(' ', '_')}/sandbox" in lesson_link
    assert query_of(lesson_link)["tour"] == ["firstedit"]
    assert query_of(lesson_link)["step"] == ["intro"]
    assert query_of(lesson_link)["veaction"] == ["edit"]
    accessible(page)
    screenshot(page, "journey-3-lesson-practice-panel")

    page.locator("a[rel=next]").click()
    exercise_url = page.url.split("?")[0]
    expect(page.locator(".wikimooc-not-done")).to_be_visible()
    with page.context.expect_page() as opened:
        page.locator("a.wikimooc-practice__go").click()
    wiki = opened.value
    wiki.wait_for_load_state()
    # The wiki's edit form starts from the template, with the way back to the course.
    assert wiki.locator("#wpTextbox1").input_value().strip() == (
        f"Back to the course: [{exercise_url} Your first draft]"
    )
    assert exercise_url in wiki.locator("#wpSummary").input_value()
    screenshot(wiki, "journey-4-wiki-edit-form")

    # The learner logs in on the wiki, comes back to the same link and saves.
    practice_url = wiki.url
    wiki.goto(mediawiki.index_url + "?title=Special:UserLogin")
    wiki.fill("#wpName1", wiki_course["wiki_name"])
    wiki.fill("#wpPassword1", PASSWORD)
    wiki.click("#wpLoginAttempt")
    wiki.wait_for_load_state()
    wiki.goto(practice_url)
    wiki.click("#wpSave")
    wiki.wait_for_load_state()
    expect(wiki.locator("#mw-content-text")).to_contain_text("Back to the course")
    screenshot(wiki, "journey-5-saved-on-the-wiki")
    wiki.close()

    # The worker's next check sees the edit; coming back to the tab refreshes the status.
    transaction.begin()  # see the enrollment the browser made
    report = check_and_commit(
        wiki_course["session"], utc_now() + timedelta(seconds=SETTLE_SECONDS + 1)
    )
    assert report.new == 1
    page.bring_to_front()
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.locator(".wikimooc-done")).to_be_visible()
    expect(page.locator(".wikimooc-not-done")).to_be_hidden()
    screenshot(page, "journey-6-exercise-done")

    page.goto("en/@@my-courses")
    expect(page.get_by_text("1 of 1 exercises done")).to_be_visible()
    accessible(page)
    screenshot(page, "journey-7-my-courses")
