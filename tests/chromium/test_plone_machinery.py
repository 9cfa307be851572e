"""Plone's machinery stays out of learners' way, in a real browser on a desktop and
on a phone: a learner's own forum question shows them no toolbar (Contents, State,
Actions, Sharing) and no owner-only action, keeps the language switcher and fits a
375 px screen; the session's teacher, who runs it, still has the toolbar."""

from browser_checks import DESKTOP
from browser_checks import PHONE
from playwright.sync_api import expect
from plone import api
from wikimooc.policy.enrollment import add_learners

import pytest
import transaction


PASSWORD = "secret-pw-123"  # the site fixture's members'
PLONE_ACTIONS = ("Contents", "Sharing", "Actions", "State", "Edit")


@pytest.fixture
def own_question(site, client):
    with api.env.adopt_roles(["Manager"]):
        add_learners(site["public"], ["ada"], added_by="teacher")
    transaction.commit()
    asked = client("ada").post(
        "/en/intro/public-session/@forum",
        json={"title": "How do I cite a book?", "text": "<p>Which template?</p>"},
    )
    assert asked.status_code == 201, asked.text
    return asked.json()["@id"]


def plone_links(page):
    """The toolbar's entries and Plone's own content actions the page offers."""
    return page.evaluate(
        """(names) => [
              ...document.querySelectorAll("#edit-zone, #edit-bar, .plone-toolbar, a, button")]
            .filter((element) => element.getClientRects().length)
            .map((element) => element.matches("#edit-zone, #edit-bar, .plone-toolbar")
                 ? "the toolbar" : element.textContent.trim())
            .filter((text) => text === "the toolbar" || names.includes(text))""",
        list(PLONE_ACTIONS),
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_learner_meets_no_plone_machinery_on_their_own_question(
    own_question, new_page, log_in, screenshot, viewport
):
    device = "phone" if viewport == PHONE else "desktop"
    page = new_page(viewport)
    log_in(page, "ada", PASSWORD)
    for path in (own_question, "en/intro/public-session/@@forum", "en/intro", "en/@@my-courses"):
        page.goto(path)
        assert not plone_links(page), f"{page.url} shows {plone_links(page)}"
        for suffix in ("/folder_contents", "/@@sharing"):
            assert not page.locator(f"a[href$='{suffix}']").count()
    page.goto(own_question)
    expect(page.locator("h1")).to_have_text("How do I cite a book?")
    expect(page.locator(".wikimooc-languages")).to_be_visible()
    expect(page.locator(".wikimooc-languages a[hreflang=fr]")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the question is {width} px wide"
    screenshot(page, f"{device}-learner-own-question")

    teacher = new_page(viewport)
    log_in(teacher, "teacher", PASSWORD)
    teacher.goto(own_question)
    assert "the toolbar" in plone_links(teacher)
