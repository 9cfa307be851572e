"""Switching languages from the header: to the page's translation when it has one,
and the interface follows."""

from browser_checks import DESKTOP
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
        api.content.create(container=french, type="Module", id="about", title="À propos")
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
    expect(page.locator("#wikimooc-search-text")).to_have_attribute(
        "placeholder", "Rechercher des cours"
    )
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


@pytest.fixture
def five_languages(site):
    """The demo's languages: German, Dutch and Spanish roots beside English and French."""
    from plone.app.multilingual.browser.setup import SetupMultilingualSite

    languages = api.portal.get_registry_record("plone.available_languages")
    api.portal.set_registry_record("plone.available_languages", [*languages, "de", "nl", "es"])
    SetupMultilingualSite().setupSite(site["portal"])
    api.portal.set_registry_record("plone.site_title", "WikiMOOC")
    transaction.commit()
    return site


def french_browser(chromium, functional_portal, viewport=DESKTOP):
    context = chromium.new_context(
        viewport=viewport, base_url=functional_portal.absolute_url() + "/", locale="fr-FR",
    )
    context.set_default_timeout(30_000)
    return context


def test_a_french_browser_lands_on_the_french_home_page_and_reads_wikimooc(
    five_languages, chromium, functional_portal, screenshot
):
    context = french_browser(chromium, functional_portal)
    try:
        page = context.new_page()
        page.goto("")
        assert page.url.rstrip("/").endswith("/fr")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page).to_have_title("WikiMOOC")
        page.goto("fr/login")
        # "Se connecter" and "Créer un compte" beside five languages: each on one
        # line, on the header's one row, level with the search.
        links = page.locator(".wikimooc-user-menu__links a")
        expect(links).to_have_count(2)
        boxes = [links.nth(index).evaluate(ONE_LINE) for index in range(2)]
        assert all(box["lines"] == 1 for box in boxes), boxes
        search = page.locator(".wikimooc-search").evaluate(ONE_LINE)
        assert {box["middle"] for box in boxes} == {search["middle"]}, (boxes, search)
        screenshot(page, "language-french-login-header")
    finally:
        context.close()


ONE_LINE = """element => {
  const rects = [...element.getClientRects()];
  const box = element.getBoundingClientRect();
  return {lines: new Set(rects.map(rect => Math.round(rect.top))).size,
          middle: Math.round((box.top + box.bottom) / 2 / 8)};  // to 8 px
}"""


def test_pages_name_wikimooc_and_have_its_footer(five_languages, translated_course, new_page):
    page = new_page()
    page.goto("en/intro")
    expect(page).to_have_title("Introduction — WikiMOOC")
    footer = page.locator("#portal-footer-wrapper")
    expect(footer).not_to_contain_text("Plone")
    licence = footer.get_by_role("link", name="Creative Commons Attribution-ShareAlike 4.0")
    expect(licence).to_have_attribute(
        "href", "https://creativecommons.org/licenses/by-sa/4.0/deed.en"
    )
    expect(footer.get_by_role("link", name="Privacy policy")).to_have_attribute(
        "href", "https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Privacy_policy"
    )
    expect(footer.get_by_role("link", name="Terms of use")).to_have_attribute(
        "href", "https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Terms_of_Use"
    )
    page.goto("fr/introduction")
    expect(page).to_have_title("Introduction à Wikipédia — WikiMOOC")
    footer = page.locator("#portal-footer-wrapper")
    expect(footer).to_contain_text("Le contenu des cours est disponible sous la licence")
    expect(footer.get_by_role("link", name="Politique de confidentialité")).to_be_visible()
    expect(footer.get_by_role("link", name="Conditions d’utilisation")).to_be_visible()  # noqa: RUF001
    page.goto("en")
    expect(page).to_have_title("WikiMOOC")


def test_the_footer_links_follow_the_sites_settings(five_languages, new_page):
    api.portal.set_registry_record("wikimooc.privacy_url", "https://example.org/privacy")
    api.portal.set_registry_record("wikimooc.terms_url", "https://example.org/terms")
    transaction.commit()
    page = new_page()
    page.goto("en")
    footer = page.locator("#portal-footer-wrapper")
    expect(footer.get_by_role("link", name="Privacy policy")).to_have_attribute(
        "href", "https://example.org/privacy"
    )
    expect(footer.get_by_role("link", name="Terms of use")).to_have_attribute(
        "href", "https://example.org/terms"
    )
