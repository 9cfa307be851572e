"""Every key page passes the basic accessibility checks, on a desktop and on a phone."""

from browser_checks import ACCESSIBILITY_PROBLEMS
from browser_checks import DESKTOP
from browser_checks import PHONE
from plone import api
from wikimooc.policy.enrollment import enroll

import pytest
import transaction


@pytest.fixture
def course_with_parts(site):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=site["course"], type="Module", id="basics",
                                    title="The basics")
        api.content.create(container=module, type="Lesson", id="wikis", title="What a wiki is",
                           wiki_pages=["Wikipedia:Five pillars"], tour="firstedit")
        api.content.create(container=module, type="Exercise", id="draft", title="Your first draft",
                           check="wiki", wiki_action="create_page",
                           title_pattern="User:{username}/Brouillon")
        enroll(site["public"], api.user.get(username="ada"))
    transaction.commit()
    return site


# Who visits (login, password; None for a visitor) and the pages they see.
VISITS = {
    None: {
        "home": "en",
        "home-fr": "fr",
        "course": "en/intro",
        "session": "en/intro/public-session",
        "lesson": "en/intro/basics/wikis",
        "exercise": "en/intro/basics/draft",
        "login": "en/login",
        "register": "en/@@wiki-register",
    },
    ("ada", "secret-pw-123"): {
        "learner-lesson": "en/intro/basics/wikis",
        "learner-exercise": "en/intro/basics/draft",
        "my-courses": "en/@@my-courses",
        "reminders": "en/@@reminders",
    },
    ("teacher", "secret-pw-123"): {
        "dashboard": "en/intro/public-session/@@dashboard",
        "learners": "en/intro/public-session/@@learners",
        "announcements": "en/intro/public-session/@@announcements",
    },
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_key_pages_are_accessible(
    course_with_parts, new_page, log_in, accessible, screenshot, viewport
):
    device = "phone" if viewport == PHONE else "desktop"
    for visitor, pages in VISITS.items():
        page = new_page(viewport)
        if visitor:
            log_in(page, *visitor)
        for name, path in pages.items():
            page.goto(path)
            accessible(page)
            screenshot(page, f"{device}-{name}")

def test_the_checks_catch_what_they_look_for(new_page):
    page = new_page()
    page.set_content(
        "<h1>One</h1><h1>Two</h1><input type='text'><img src='x.png'>"
        "<p style='color: #999; background: #fff'>pale text</p>"
    )
    problems = " | ".join(page.evaluate(ACCESSIBILITY_PROBLEMS))
    for expected in ("2 h1 shown", "no main landmark", "no search landmark", "unlabelled field",
                     "image without alt", 'contrast 2.85 for "pale text"'):
        assert expected in problems
