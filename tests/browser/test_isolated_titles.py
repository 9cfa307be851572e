"""A session titled in Arabic on an English site: every heading made of a message and
the title ("Dashboard of ${session}") holds the title in a ``<bdi>`` of its own, and
the browser's title, which cannot hold markup, holds it between U+2068 FIRST STRONG
ISOLATE and U+2069 POP DIRECTIONAL ISOLATE. A learner's name does the same in the
learner's grades heading and the learners page's "Remove ${name}" button label."""

from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.isolated import isolated

import lxml.html
import pytest
import transaction


TITLE = "ربيع ٢٠٢٧"
LEARNER = "عمر الخيام"
SESSION = "/en/intro/public-session"


@pytest.fixture
def arabic_title(site):
    session = site["public"]
    session.title = TITLE
    session.reindexObject()
    add_learners(session, [LEARNER], added_by="teacher")
    transaction.commit()
    return session


@pytest.mark.parametrize(
    ("view", "heading"),
    [
        ("@@dashboard", "Dashboard of"),
        ("@@learners", "Learners of"),
        ("@@forum", "Forum of"),
        ("@@announcements", "Announcements of"),
        ("@@schedule", "Schedule of"),
        ("@@gradebook", "Grade book of"),
        ("@@alerts", "Pages and alerts of"),
    ],
)
def test_a_heading_isolates_the_title_it_inserts(arabic_title, page, view, heading):
    response = page("teacher").get(f"{SESSION}/{view}")
    assert response.status_code == 200, response.url
    document = lxml.html.fromstring(response.content)
    h1 = document.find(".//h1")
    assert h1.text.strip().startswith(heading), lxml.html.tostring(h1)
    assert [bdi.text for bdi in h1.iter("bdi")] == [TITLE]
    assert h1.text_content().split() == [*heading.split(), *TITLE.split()]


@pytest.mark.parametrize(
    ("view", "title"),
    [
        ("@@dashboard", f"Dashboard of {isolated(TITLE)}"),
        ("@@learners", f"Learners of {isolated(TITLE)}"),
        ("@@forum", f"Forum of {isolated(TITLE)}"),
        ("@@announcements", f"Announcements of {isolated(TITLE)}"),
        (f"@@gradebook-learner?learner={LEARNER}", f"Grades of {isolated(LEARNER)}"),
    ],
)
def test_the_browsers_title_isolates_it_with_unicode_marks(arabic_title, page, view, title):
    document = lxml.html.fromstring(page("teacher").get(f"{SESSION}/{view}").content)
    assert document.findtext(".//title").startswith(f"{title} — ")


def test_the_learners_grades_and_remove_button_isolate_the_name(arabic_title, page):
    teacher = page("teacher")
    grades = lxml.html.fromstring(
        teacher.get(f"{SESSION}/@@gradebook-learner", params={"learner": LEARNER}).content
    )
    assert [bdi.text for bdi in grades.find(".//h1").iter("bdi")] == [LEARNER]
    learners = lxml.html.fromstring(teacher.get(f"{SESSION}/@@learners").content)
    labels = [button.get("aria-label") for button in learners.iter("button")
              if (button.get("aria-label") or "").startswith("Remove")]
    assert f"Remove {isolated(LEARNER)} from this session" in labels
