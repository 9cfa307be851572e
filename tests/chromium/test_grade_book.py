"""The grade book in a real browser: a teacher sorts it by grade, searches it and
opens a learner's detail; a learner goes from My courses to their progress page.
Every page passes the basic accessibility checks."""

from playwright.sync_api import expect
from plone import api
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.quiz.attempts import submit

import pytest
import transaction


PASSWORD = "secret-pw-123"
SESSION = "en/intro/public-session"


@pytest.fixture
def graded(site):
    """A quiz (2 points) and a wiki exercise; Ada answered right, Bob wrong, Cleo not."""
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=site["course"], type="Module", id="basics",
                                    title="The basics")
        quiz = api.content.create(container=module, type="Quiz", id="check", title="Check")
        api.content.create(
            container=quiz, type="QuizQuestion", id="year", title="Year", kind="number",
            prompt=RichTextValue("<p>When?</p>", "text/html", "text/x-html-safe"), points=2.0,
            number=2001.0,
        )
        api.content.create(container=module, type="Exercise", id="draft", title="Your draft",
                           check="wiki", wiki_action="create_page",
                           title_pattern="User:{username}/Draft")
        session = site["public"]
        for login in ("ada", "bob", "cleo"):
            enroll(session, api.user.get(username=login))
    submit(quiz, session, "Ada", {"year": 2001})
    submit(quiz, session, "Bob", {"year": 1999})
    transaction.commit()
    return site


def test_a_teacher_sorts_searches_and_opens_a_learner(graded, new_page, log_in, accessible):
    page = new_page()
    log_in(page, "teacher", PASSWORD)
    page.goto(SESSION + "/@@dashboard")
    page.get_by_role("link", name="Grade book").first.click()
    expect(page.get_by_role("heading", name="Grade book of Public session")).to_be_visible()
    accessible(page)
    rows = page.locator("table.wikimooc-gradebook tbody tr")
    expect(rows.first).to_contain_text("Ada")

    page.get_by_role("link", name="Grade", exact=True).click()  # ascending
    page.get_by_role("link", name="Grade", exact=True).click()  # descending
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Grade")
    expect(rows.nth(0)).to_contain_text("Ada")
    expect(rows.nth(0)).to_contain_text("57.14%")  # quizzes 40, wiki 30: 40 / 70
    expect(rows.nth(2)).to_contain_text("0%")

    page.get_by_placeholder("Search by wiki username").fill("bo")
    page.get_by_role("button", name="Show").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Bob")

    page.get_by_role("link", name="Bob").click()
    expect(page.get_by_role("heading", name="Grades of Bob")).to_be_visible()
    expect(page.locator(".wikimooc-overall-grade")).to_contain_text("0%")
    accessible(page)


def test_a_learner_reads_their_progress(graded, new_page, log_in, accessible):
    page = new_page()
    log_in(page, "bob", PASSWORD)
    page.goto("en/@@my-courses")
    page.get_by_role("link", name="Your progress and grade").click()
    expect(page.get_by_role("heading", name="Your progress in Public session")).to_be_visible()
    expect(page.locator(".wikimooc-overall-grade")).to_contain_text("Overall grade: 0%")
    expect(page.locator(".wikimooc-to-pass")).to_contain_text("50% to go")
    expect(page.get_by_role("cell", name="Your draft")).to_be_visible()
    accessible(page)
