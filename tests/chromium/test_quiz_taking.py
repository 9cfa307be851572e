"""A learner takes a quiz in a real browser: the quiz in their session, one question
of each kind answered (single choice, multiple choice, number, short text), the
score, the feedback and the attempts left; at the last attempt the right answers and
explanations; and at 375 px nothing scrolls sideways, for the learner nor for the
session's teacher reading the question statistics."""

from browser_checks import PHONE
from playwright.sync_api import expect
from plone import api
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.enrollment import enroll

import pytest
import transaction


PASSWORD = "secret-pw-123"
QUIZ = "en/intro/basics/pillars-quiz"
QUESTIONS = (
    ("pillar", {"kind": "single", "title": "A pillar", "points": 2.0,
                "prompt": "Which is one of the five pillars?",
                "choices": "* Neutral point of view | Yes, the second pillar.\n"
                           "Original research | No: Wikipedia publishes none.\nAdvertising",
                "explanation": "The five pillars are summed up at WP:5P."}),
    ("licences", {"kind": "multiple", "title": "Free licences", "partial_credit": "edc",
                  "prompt": "Which licences are free? Select all that apply.",
                  "choices": "* CC BY-SA | Yes, Wikipedia's.\n* CC BY | Yes.\n"
                             "CC BY-NC | Not free: no commercial use."}),
    ("year", {"kind": "number", "title": "Founded", "prompt": "When was Wikipedia founded?",
              "number": 2001.0}),
    ("word", {"kind": "text", "title": "The word", "prompt": "The five … of Wikipedia?",
              "accepted_answers": "pillars | Right: the five pillars."}),
)


def rich(text):
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


@pytest.fixture
def quiz(site):
    """A quiz of two attempts in the course of `site`, whose public session has Ada
    and Bob as learners."""
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=site["course"], type="Module", id="basics",
                                    title="Basics")
        quiz = api.content.create(container=module, type="Quiz", id="pillars-quiz",
                                  title="The five pillars", attempts_allowed=2)
        for name, fields in QUESTIONS:
            values = {**fields, "prompt": rich(fields["prompt"])}
            if "explanation" in fields:
                values["explanation"] = rich(fields["explanation"])
            api.content.create(container=quiz, type="QuizQuestion", id=name, **values)
        for login in ("ada", "bob"):
            enroll(site["public"], api.user.get(username=login))
    transaction.commit()
    return quiz


def question(page, title):
    return page.locator("fieldset.wikimooc-quiz-question", has_text=title)


def answer(page, pillar, licences, year, word):
    question(page, "A pillar").get_by_label(pillar).check()
    for licence in licences:
        question(page, "Free licences").get_by_label(licence, exact=True).check()
    question(page, "Founded").get_by_label("Your answer (a number)").fill(year)
    question(page, "The word").get_by_label("Your answer").fill(word)
    page.get_by_role("button", name="Submit my answers").click()
    page.wait_for_load_state()


def reported(page, title):
    return page.locator(".wikimooc-quiz-report > li", has_text=title)


def assert_fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


def test_a_learner_takes_a_quiz(quiz, new_page, log_in, accessible, screenshot):
    page = new_page()
    log_in(page, "ada", PASSWORD)
    page.goto(QUIZ)
    expect(page.get_by_text("Attempts allowed: 2.")).to_be_visible()
    expect(page.get_by_text("Attempts left: 2")).to_be_visible()
    expect(page.locator(".wikimooc-quiz-score")).to_have_count(0)
    expect(page.get_by_text("Yes, the second pillar.")).to_have_count(0)
    accessible(page)
    screenshot(page, "quiz-1-before-answering")

    answer(page, "Original research", ["CC BY-SA", "CC BY"], "2001", "pilars")
    expect(page.get_by_text("Your attempt is recorded: 2 of 5 points.")).to_be_visible()
    expect(page.locator(".wikimooc-quiz-score")).to_have_text("Attempt 1: 2 of 5 points.")
    pillar = reported(page, "A pillar")
    expect(pillar.locator(".badge")).to_have_text("Wrong")
    expect(pillar).to_contain_text("Your answer: Original research")
    expect(pillar.locator(".wikimooc-quiz-feedback")).to_have_text("No: Wikipedia publishes none.")
    expect(reported(page, "Free licences").locator(".badge")).to_have_text("Right")
    expect(reported(page, "Founded").locator(".badge")).to_have_text("Right")
    expect(reported(page, "The word").locator(".badge")).to_have_text("Wrong")
    expect(page.get_by_text("Attempts left: 1")).to_be_visible()
    expect(page.get_by_text("Right answer:")).to_have_count(0)  # one attempt is left
    accessible(page)
    screenshot(page, "quiz-2-first-attempt")

    answer(page, "Neutral point of view", ["CC BY-SA"], "2 001", "Pillars")
    expect(page.get_by_text("Your attempt is recorded: 4.67 of 5 points.")).to_be_visible()
    expect(reported(page, "Free licences").locator(".badge")).to_have_text("Partly right")
    expect(reported(page, "The word").locator(".wikimooc-quiz-feedback")).to_have_text(
        "Right: the five pillars."
    )
    expect(page.get_by_text("Attempts left: 0")).to_be_visible()
    # The last attempt is made: the right answers and the explanations.
    expect(reported(page, "A pillar")).to_contain_text("Right answer: Neutral point of view")
    expect(reported(page, "Free licences")).to_contain_text("Right answer: CC BY-SA, CC BY")
    expect(page.get_by_text("The five pillars are summed up at WP:5P.")).to_be_visible()
    expect(page.get_by_role("button", name="Submit my answers")).to_have_count(0)
    accessible(page)
    screenshot(page, "quiz-3-last-attempt")


def test_taking_a_quiz_on_a_phone(quiz, new_page, log_in, accessible, screenshot):
    page = new_page(PHONE)
    log_in(page, "bob", PASSWORD)
    page.goto(QUIZ)
    assert_fits(page)
    submit = page.get_by_role("button", name="Submit my answers")
    assert submit.bounding_box()["x"] + submit.bounding_box()["width"] <= PHONE["width"]
    answer(page, "Neutral point of view", ["CC BY-SA", "CC BY"], "2001", "pillars")
    expect(page.get_by_text("Your attempt is recorded: 5 of 5 points.")).to_be_visible()
    expect(page.get_by_text("Attempts left: 1")).to_be_visible()
    assert_fits(page)
    for item in page.locator(".wikimooc-quiz-report > li").all():
        box = item.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, "quiz-phone-after-answering")

    # The session's teacher reads the question statistics on a phone too.
    teacher = new_page(PHONE)
    log_in(teacher, "teacher", PASSWORD)
    teacher.goto(QUIZ)
    teacher.get_by_role("link", name="Question statistics").click()
    expect(teacher.locator(".wikimooc-statistics-totals")).to_have_text(
        "Learners who answered: 1 · attempts: 1"
    )
    expect(teacher.locator("#question-pillar .wikimooc-statistics-choices tbody tr").first
           ).to_contain_text("Neutral point of view")
    assert_fits(teacher)
    accessible(teacher)
    screenshot(teacher, "quiz-phone-statistics")
