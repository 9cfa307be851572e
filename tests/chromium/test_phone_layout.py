"""A 375 px wide phone: nothing scrolls sideways, the search takes the whole width,
the practice panel takes the width of the screen after the lesson's text, and the
menus fit on the screen."""

from browser_checks import PHONE
from playwright.sync_api import expect
from plone import api
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.enrollment import enroll

import pytest
import transaction


LESSON_TEXT = "<p>A wiki is a website anyone can edit; every page keeps its history.</p>" * 5


@pytest.fixture
def learner_lesson(site):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=site["course"], type="Module", id="m", title="Basics")
        lesson = api.content.create(container=module, type="Lesson", id="wikis",
                                    title="What a wiki is", wiki_pages=["Wikipedia:Five pillars"],
                                    tour="firstedit")
        lesson.text = RichTextValue(LESSON_TEXT, "text/html", "text/html")
        api.content.create(container=module, type="Exercise", id="draft", title="Your draft",
                           check="wiki", wiki_action="create_page")
        enroll(site["public"], api.user.get(username="ada"))
    transaction.commit()


def assert_fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


def test_pages_fit_a_phone(learner_lesson, new_page, log_in, screenshot):
    page = new_page(PHONE)
    for path in ("en", "en/intro", "en/intro/public-session", "en/login", "en/@@wiki-register"):
        page.goto(path)
        assert_fits(page)
    page.goto("en")
    search = page.locator(".wikimooc-search").bounding_box()
    assert search["width"] > PHONE["width"] - 40
    # Phones offer the other language only.
    expect(page.locator(".wikimooc-languages a[hreflang=en]")).to_be_hidden()
    expect(page.locator(".wikimooc-languages a[hreflang=fr]")).to_be_visible()

    log_in(page, "ada", "secret-pw-123")
    page.goto("en/intro/m/wikis")
    assert_fits(page)
    panel = page.locator(".wikimooc-practice")
    assert panel.evaluate("element => getComputedStyle(element).float") == "none"
    assert panel.bounding_box()["width"] > PHONE["width"] - 40
    screenshot(page, "phone-practice-panel")

    page.locator(".wikimooc-user-menu summary").click()
    my_courses = page.get_by_role("link", name="My courses")
    expect(my_courses).to_be_visible()
    box = my_courses.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, "phone-user-menu")
    my_courses.click()
    assert_fits(page)
    expect(page.locator("h1")).to_have_text("My courses")



def test_the_lesson_reads_first_on_a_phone_and_beside_the_panel_on_a_desktop(
    learner_lesson, new_page, log_in
):
    phone = new_page(PHONE)
    log_in(phone, "ada", "secret-pw-123")
    phone.goto("en/intro/m/wikis")
    text = phone.locator(".wikimooc-prose").bounding_box()
    panel = phone.locator(".wikimooc-practice").bounding_box()
    # The lesson first: the panel after its text, before the way on.
    assert panel["y"] >= text["y"] + text["height"]
    assert phone.locator(".wikimooc-pager").bounding_box()["y"] >= panel["y"] + panel["height"]

    desktop = new_page()
    log_in(desktop, "ada", "secret-pw-123")
    desktop.goto("en/intro/m/wikis")
    text = desktop.locator(".wikimooc-prose").bounding_box()
    panel = desktop.locator(".wikimooc-practice").bounding_box()
    assert panel["x"] >= text["x"] + text["width"]
    assert abs(panel["y"] - text["y"]) < 40
    assert desktop.locator(".wikimooc-pager").bounding_box()["y"] >= text["y"] + text["height"]
