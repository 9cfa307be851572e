"""The course page is a way in, in a real browser on a desktop and on a phone: a
learner enrolls in an open session from the course itself (the session page's own
enrollment action), the syllabus then marks each exercise done or to do, and "My
courses" says enrolled (not "Open for enrollment") and, at 100 %, completed."""

from browser_checks import DESKTOP
from browser_checks import PHONE
from playwright.sync_api import expect
from plone import api
from wikimooc.policy.tracking.storage import Progress
from wikimooc.policy.tracking.storage import tracking_of

import pytest
import transaction


PASSWORD = "secret-pw-123"  # the site fixture's members'


@pytest.fixture
def course_parts(site):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=site["course"], type="Module", id="basics",
                                    title="The basics")
        api.content.create(container=module, type="Lesson", id="wikis", title="What a wiki is")
        exercises = [
            api.content.create(container=module, type="Exercise", id=exercise_id, title=title,
                               check="wiki", wiki_action="create_page")
            for exercise_id, title in (("draft", "Your first draft"), ("article", "An article"))
        ]
    transaction.commit()
    return exercises


def mark_done(session, exercise):
    transaction.begin()
    tracking_of(session).progress[("Ada", exercise.UID())] = Progress(
        done=True, when="2027-03-02T10:00:00Z", revid=1
    )
    transaction.commit()


def syllabus_marks(page):
    return {
        part.locator("a").inner_text(): [
            mark.strip() for mark in part.locator(".wikimooc-done, .wikimooc-badge--todo")
            .all_text_contents()
        ]
        for part in page.locator(".wikimooc-syllabus__part--Exercise").all()
    }


def assert_fits(page, viewport):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{page.url} is {width} px wide"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_learner_enrolls_from_the_course_and_follows_their_progress(
    site, course_parts, new_page, log_in, accessible, screenshot, viewport
):
    device = "phone" if viewport == PHONE else "desktop"
    draft, article = course_parts
    visitor = new_page(viewport)
    visitor.goto("en/intro")
    sessions = visitor.locator("#sessions")
    expect(sessions.get_by_role("link", name="Log in to enroll")).to_be_visible()

    page = new_page(viewport)
    log_in(page, "ada", PASSWORD)
    page.goto("en/intro")
    public = page.locator(".wikimooc-session", has_text="Public session")
    enroll = public.get_by_role("button", name="Enroll")
    expect(enroll).to_be_visible()
    assert_fits(page, viewport)
    screenshot(page, f"{device}-course-enroll")
    enroll.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/en/intro")
    expect(page.get_by_text("You are enrolled in this session.").first).to_be_visible()
    expect(public.get_by_role("button", name="Enroll")).to_have_count(0)
    expect(public).to_contain_text("You are enrolled")
    expect(public).not_to_contain_text("Open for enrollment")
    transaction.begin()
    assert "Ada" in site["public"].enrollments
    assert syllabus_marks(page) == {"Your first draft": ["To do"], "An article": ["To do"]}

    mark_done(site["public"], draft)
    page.reload()
    assert syllabus_marks(page) == {"Your first draft": ["Done"], "An article": ["To do"]}
    accessible(page)
    assert_fits(page, viewport)
    screenshot(page, f"{device}-course-progress")
    page.goto("en/intro/public-session")
    assert syllabus_marks(page) == {"Your first draft": ["Done"], "An article": ["To do"]}

    page.goto("en/@@my-courses")
    card = page.locator(".wikimooc-card", has_text="Introduction")
    expect(card).not_to_contain_text("Open for enrollment")
    expect(card).to_contain_text("You are enrolled")
    expect(card).to_contain_text("1 of 2 exercises done")
    expect(card.get_by_text("Completed")).to_have_count(0)
    expect(card.get_by_role("link", name="Continue: An article")).to_be_visible()

    mark_done(site["public"], article)
    page.reload()
    expect(card).to_contain_text("2 of 2 exercises done")
    expect(card.locator(".wikimooc-completed")).to_contain_text("Completed")
    expect(card.get_by_role("link", name="Continue", exact=False)).to_have_count(0)
    accessible(page)
    assert_fits(page, viewport)
    screenshot(page, f"{device}-my-courses-completed")
