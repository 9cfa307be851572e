"""Switching languages from the header: to the page's translation when it has one,
and the interface follows."""

from playwright.sync_api import expect
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager

import pytest
import transaction


@pytest.fixture
def translated_course(site):
    with api.env.adopt_roles(["Manager"]):
        french = api.content.create(
            container=site["portal"]["fr"], type="Course", id="introduction",
            title="Introduction à Wikipédia", projects=("wikipedia",),
            organisation="Wikimédia France",
        )
        api.content.transition(french, to_state="published")
    ITranslationManager(site["course"]).register_translation("fr", french)
    transaction.commit()
    return french


def switch_to(page, language):
    """Click the language in the header; the address it lands on, without its query."""
    page.locator(".wikimooc-languages").get_by_role("link", name=language).click()
    page.wait_for_load_state()
    return page.url.split("?")[0].rstrip("/")


def test_the_switcher_goes_to_the_translation_and_back(translated_course, new_page, screenshot):
    page = new_page()
    page.goto("en/intro")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".wikimooc-languages a[aria-current]")).to_have_text("English")
    assert switch_to(page, "Français").endswith("/fr/introduction")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text("Introduction à Wikipédia")
    expect(page.locator("#wikimooc-syllabus-heading")).to_have_text("Programme")
    expect(page.locator("#wikimooc-search-text")).to_have_attribute("placeholder", "Rechercher des cours")
    screenshot(page, "language-french-course")
    assert switch_to(page, "English").endswith("/en/intro")
    expect(page.locator("#wikimooc-syllabus-heading")).to_have_text("Syllabus")


def test_a_page_without_translation_leads_to_the_languages_home(site, new_page):
    page = new_page()
    page.goto("en/intro/public-session")
    assert "/fr" in switch_to(page, "Français")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".wikimooc-languages a[aria-current]")).to_have_text("Français")


def test_the_header_search_finds_courses_in_the_sections_language(site, new_page):
    page = new_page()
    page.goto("en/intro")
    page.fill("#wikimooc-search-text", "Introduction")
    page.press("#wikimooc-search-text", "Enter")
    page.wait_for_load_state()
    expect(page.locator(".wikimooc-card__title")).to_have_text(["Introduction"])
    expect(page.locator("#wikimooc-catalogue-q")).to_have_value("Introduction")
