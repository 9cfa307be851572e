"""The add forms of WikiMOOC's types, in a real browser, as a course author meets
them: each saves with only its truly required fields filled (no checkbox or hidden
field to tick first)."""

from playwright.sync_api import expect
from plone import api

import pytest
import re
import transaction


PASSWORD = "Add-Forms-Author-Pass-52"


@pytest.fixture
def author(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="autrice@example.org", username="autrice", password=PASSWORD)
        api.user.grant_roles(username="autrice", roles=["Course Author"])
    transaction.commit()
    return "autrice"


def blocked(page):
    """What stops the form: the browser's own validation, or the server's errors."""
    return page.evaluate(
        """() => [
          ...[...document.querySelectorAll("form :invalid")].map(
            (field) => `${field.name}: ${field.validationMessage}`),
          ...[...document.querySelectorAll(
              ".invalid-feedback, .fieldErrorBox, .alert-danger, .portalMessage.error")]
            .map((error) => error.textContent.trim()).filter(Boolean),
        ]"""
    )


def save(page, title):
    """Save the add form; it must lead to the new content's page. Its address."""
    form_url = page.url
    page.click("#form-buttons-save")
    page.wait_for_load_state()
    assert "++add++" not in page.url, f"{form_url} did not save: {blocked(page)}"
    expect(page.locator("h1")).to_have_text(title)
    return page.url.rstrip("/").removesuffix("/view")


def write_rich_text(page, field, text):
    """Type into a rich-text field's editor (TinyMCE)."""
    page.frame_locator(f"#formfield-form-widgets-{field} iframe").locator("body").fill(text)


def add(page, container_url, portal_type):
    page.goto(f"{container_url}/++add++{portal_type}")
    expect(page.locator("#form-buttons-save")).to_be_visible()


def test_each_add_form_saves_with_only_its_required_fields(
    author, functional_portal, new_page, log_in, screenshot
):
    page = new_page()
    log_in(page, author, PASSWORD)
    site_url = functional_portal.absolute_url()

    add(page, f"{site_url}/en", "Course")
    page.fill("#form-widgets-IDublinCore-title", "Citing sources")
    page.check("#form-widgets-projects-0")
    page.fill("#form-widgets-organisation", "Wikimedia UK")
    course_url = save(page, "Citing sources")

    add(page, course_url, "Module")
    page.fill("#form-widgets-IDublinCore-title", "Why cite")
    module_url = save(page, "Why cite")

    add(page, module_url, "Lesson")
    page.fill("#form-widgets-IDublinCore-title", "Reliable sources")
    save(page, "Reliable sources")

    # An exercise checked on the wiki: its instructions and the action to check.
    add(page, module_url, "Exercise")
    page.fill("#form-widgets-IDublinCore-title", "Add a reference")
    write_rich_text(page, "instructions", "Add a reference to an article you know.")
    page.get_by_text("Check on the wiki", exact=True).first.click()
    page.select_option("#form-widgets-wiki_action", "add_reference")
    screenshot(page, "add-form-exercise")
    exercise_url = save(page, "Add a reference")

    # A peer-reviewed exercise: its rubric instead of the wiki action.
    add(page, module_url, "Exercise")
    page.fill("#form-widgets-IDublinCore-title", "Review a stub")
    write_rich_text(page, "instructions", "Say what the stub lacks.")
    page.select_option("#form-widgets-check", "peer")
    page.get_by_text("Peer review", exact=True).first.click()
    page.fill(
        "#form-widgets-IPeerReviewExercise-rubric",
        '{"criteria": [{"title": "Sources", "levels": [{"title": "Cited", "points": 2}]}]}',
    )
    save(page, "Review a stub")

    add(page, module_url, "Quiz")
    page.fill("#form-widgets-IDublinCore-title", "Which source?")
    quiz_url = save(page, "Which source?")

    add(page, quiz_url, "QuizQuestion")
    page.fill("#form-widgets-IDublinCore-title", "A reliable source")
    write_rich_text(page, "prompt", "Which of these is a reliable source?")
    page.fill("#form-widgets-choices", "* A peer-reviewed journal\nA forum post")
    save(page, "A reliable source")

    add(page, course_url, "CourseSession")
    page.fill("#form-widgets-IDublinCore-title", "Spring 2027")
    page.fill("#form-widgets-start", "2027-03-01")
    page.fill("#form-widgets-end", "2027-04-30")
    page.fill("#form-widgets-wiki", "en.wikipedia.org")
    save(page, "Spring 2027")

    add(page, course_url, "GuidedTourDraft")
    page.fill("#form-widgets-IDublinCore-title", "Where the references go")
    page.fill("#form-widgets-tour_name", "references")
    tour_url = save(page, "Where the references go")

    add(page, tour_url, "GuidedTourStep")
    page.fill("#form-widgets-IDublinCore-title", "The edit tab")
    page.fill("#form-widgets-step_name", "edit")
    save(page, "The edit tab")

    transaction.begin()
    exercise = functional_portal.unrestrictedTraverse(
        exercise_url.removeprefix(site_url + "/")
    )
    assert (exercise.wiki_action, exercise.required_text_is_pattern) == ("add_reference", False)
    assert re.sub(r"\s+", " ", exercise.instructions.raw).find("Add a reference to") != -1


PLONE_TABS = ("Categorization", "Dates", "Ownership", "Settings")
EMPTY_COURSE = "A course needs at least one module before it can be submitted for review"


@pytest.fixture
def grace(functional_portal):
    """A member whose wiki username is nothing like her login."""
    with api.env.adopt_roles(["Manager"]):
        member = api.user.create(email="grace@example.org", username="ghopper", password=PASSWORD)
        member.setMemberProperties({"wiki_username": "Grace Hopper"})
    transaction.commit()
    return member.getId()


def assert_wikimooc_fields_only(page):
    tabs = page.locator("form .autotoc-nav a, form legend").all_inner_texts()
    assert not set(PLONE_TABS) & {tab.strip() for tab in tabs}, tabs
    expect(page.locator("[name='form.widgets.IVersionable.changeNote']")).to_have_count(0)
    expect(page.get_by_text("Change note", exact=False)).to_have_count(0)


def test_the_course_and_session_forms_offer_wikimooc_choices_only(
    author, grace, functional_portal, new_page, log_in, accessible, screenshot
):
    page = new_page()
    log_in(page, author, PASSWORD)
    site_url = functional_portal.absolute_url()

    add(page, f"{site_url}/en", "Course")
    assert_wikimooc_fields_only(page)
    expect(page.get_by_text("Derived from")).to_have_count(0)
    expect(page.locator(".pat-relateditems")).to_have_count(0)
    screenshot(page, "add-form-course")
    page.fill("#form-widgets-IDublinCore-title", "Citing sources")
    page.check("#form-widgets-projects-0")
    page.fill("#form-widgets-organisation", "Wikimedia UK")
    course_url = save(page, "Citing sources")

    # The next step, and no review before it is taken.
    hint = page.locator(".wikimooc-next-step")
    expect(hint).to_contain_text("Add the course's first module")
    accessible(page)
    screenshot(page, "course-next-step")
    page.locator("#plone-contentmenu-workflow > a").click()
    page.locator("#workflow-transition-submit").click()
    page.wait_for_load_state()
    expect(page.locator(".portalMessage", has_text=EMPTY_COURSE)).to_be_visible()
    transaction.begin()
    course = functional_portal.unrestrictedTraverse(course_url.removeprefix(site_url + "/"))
    assert api.content.get_state(course) == "draft"
    assert course.Language() == "en"

    hint.get_by_role("link", name="Add a module").click()
    page.fill("#form-widgets-IDublinCore-title", "Why cite")
    save(page, "Why cite")
    page.goto(course_url)
    expect(page.locator(".wikimooc-next-step")).to_have_count(0)
    page.locator("#plone-contentmenu-workflow > a").click()
    page.locator("#workflow-transition-submit").click()
    page.wait_for_load_state()
    transaction.begin()
    assert api.content.get_state(course) == "pending"

    # A session's teachers are picked by their wiki username.
    add(page, course_url, "CourseSession")
    assert_wikimooc_fields_only(page)
    page.fill("#form-widgets-IDublinCore-title", "Spring 2027")
    page.fill("#form-widgets-start", "2027-03-01")
    page.fill("#form-widgets-end", "2027-04-30")
    page.fill("#form-widgets-wiki", "en.wikipedia.org")
    teachers = page.locator("#formfield-form-widgets-teachers")
    teachers.locator("input.select2-input, input.select2-search__field").first.fill("grace")
    page.locator(".select2-results li", has_text="Grace Hopper").first.click()
    screenshot(page, "add-form-session-teachers")
    session_url = save(page, "Spring 2027")
    transaction.begin()
    session = functional_portal.unrestrictedTraverse(session_url.removeprefix(site_url + "/"))
    assert session.teachers == [grace]

    page.goto(session_url + "/edit")
    assert_wikimooc_fields_only(page)
    chosen = page.locator("#formfield-form-widgets-teachers .select2-choices, "
                          "#formfield-form-widgets-teachers .select2-selection")
    expect(chosen).to_contain_text("Grace Hopper")
    expect(chosen).not_to_contain_text("ghopper")
