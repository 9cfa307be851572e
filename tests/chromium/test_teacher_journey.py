"""A course author's journey in a real browser, in French: create a course and a
session on the test wiki, add a lesson that starts one of the wiki's guided tours
(picked from the tours the wiki has), open the session's dashboard."""

from playwright.sync_api import expect
from plone import api
from wikimooc.policy.tours.wiki import forget_tours
from wikimooc.policy.tours.wiki import tour_page

import pytest
import secrets
import transaction


PASSWORD = "Course-Author-Pass-52"


@pytest.fixture
def author(functional_portal, mediawiki):
    """A course author, and a tour on the wiki the session will use."""
    api.portal.set_registry_record("wikimooc.wikis", {mediawiki.host: mediawiki.api_url})
    tour = f"bienvenue{secrets.token_hex(3)}"
    mediawiki.edit_as(mediawiki.admin_user, mediawiki.admin_password, tour_page(tour), "// tour")
    forget_tours(mediawiki.host)
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="autrice@example.org", username="autrice", password=PASSWORD)
        api.user.grant_roles(username="autrice", roles=["Course Author"])
    transaction.commit()
    return tour


def save(page):
    """Save an add form; the new content's address."""
    page.click("#form-buttons-save")
    page.wait_for_load_state()
    return page.url.rstrip("/").removesuffix("/view")


def test_an_author_builds_a_course_with_a_tour_and_opens_the_dashboard(
    author, mediawiki, functional_portal, new_page, log_in, accessible, screenshot
):
    page = new_page()
    log_in(page, "autrice", PASSWORD, language="fr")

    page.goto("fr/++add++Course")
    page.fill("#form-widgets-IDublinCore-title", "Découvrir Wikipédia")
    page.check("#form-widgets-projects-0")
    page.fill("#form-widgets-organisation", "Wikimédia France")
    screenshot(page, "teacher-1-new-course")
    course_url = save(page)
    expect(page.locator("h1")).to_have_text("Découvrir Wikipédia")
    expect(page.locator("#wikimooc-syllabus-heading")).to_have_text("Programme")

    page.goto(course_url + "/++add++CourseSession")
    page.fill("#form-widgets-IDublinCore-title", "Printemps 2027")
    page.fill("#form-widgets-start", "2027-03-01")
    page.fill("#form-widgets-end", "2027-04-30")
    page.fill("#form-widgets-wiki", mediawiki.host)
    session_url = save(page)

    page.goto(course_url + "/++add++Module")
    page.fill("#form-widgets-IDublinCore-title", "Premiers pas")
    module_url = save(page)

    page.goto(module_url + "/++add++Lesson")
    page.fill("#form-widgets-IDublinCore-title", "Votre page de brouillon")
    page.get_by_text("Exercice sur le wiki", exact=True).first.click()
    tour_choice = page.locator("#form-widgets-tour")
    expect(tour_choice.locator(f"option[value='{author}']")).to_have_count(1)
    tour_choice.select_option(author)
    page.fill("#form-widgets-tour_step", "intro")
    screenshot(page, "teacher-2-lesson-tour")
    lesson_url = save(page)
    transaction.begin()
    lesson = functional_portal.unrestrictedTraverse(
        lesson_url.removeprefix(functional_portal.absolute_url() + "/")
    )
    assert (lesson.tour, lesson.tour_step) == (author, "intro")

    page.goto(session_url)
    page.get_by_role("link", name="Tableau de bord des modifications des apprenant·es").click()
    expect(page.locator("h1")).to_contain_text("Printemps 2027")
    accessible(page)
    screenshot(page, "teacher-3-dashboard")

