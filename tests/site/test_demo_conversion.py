"""Upgrade 20261124002 turns the foundation's Folder/Page stand-ins into Courses."""

from datetime import date
from plone import api

import pytest


POLICY = "wikimooc.policy:default"
COURSE_ID = "how-to-contribute-to-wikipedia"


@pytest.fixture
def stand_in(portal):
    """The English demo course as the foundation created it, plus a page a user added."""
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=portal["en"], type="Folder", id=COURSE_ID, title="Old title"
        )
        for page_id in ("public-session-2027", "university-session-2027"):
            api.content.create(container=folder, type="Document", id=page_id, title=page_id)
        api.content.create(container=folder, type="Document", id="notes", title="Notes")
    portal.portal_setup.setLastVersionForProfile(POLICY, "20261124001")
    return folder


def test_upgrade_converts_the_stand_in_and_keeps_added_content(portal, stand_in):
    with api.env.adopt_roles(["Manager"]):
        portal.portal_setup.upgradeProfile(POLICY)

    course = portal["en"][COURSE_ID]
    assert course.portal_type == "Course"
    assert course.Title().startswith("How to contribute to Wikipedia")
    assert course["university-session-2027"].portal_type == "CourseSession"
    assert course["university-session-2027"].kind == "private"
    assert course["getting-started"].portal_type == "Module"
    assert course["notes"].Title() == "Notes"
    assert f"{COURSE_ID}-before-courses" not in portal["en"].objectIds()
    assert ".".join(portal.portal_setup.getLastVersionForProfile(POLICY)) == (
        portal.portal_setup.getVersionForProfile(POLICY)
    )
    assert api.content.get_state(course) == "published"


def test_upgrade_leaves_real_courses_alone(portal, course):
    before = list(portal["en"].objectIds())
    modified = course.modified()
    portal.portal_setup.setLastVersionForProfile(POLICY, "20261124001")
    with api.env.adopt_roles(["Manager"]):
        portal.portal_setup.upgradeProfile(POLICY)
    assert list(portal["en"].objectIds()) == before
    assert portal["en"]["intro"].modified() == modified


def test_upgrade_creates_the_demo_of_its_release(portal, stand_in):
    """The step carries the demo of its release: sessions dated spring 2027, whatever
    the demo of a new site is today."""
    with api.env.adopt_roles(["Manager"]):
        portal.portal_setup.upgradeProfile(POLICY)

    university = portal["en"][COURSE_ID]["university-session-2027"]
    assert (university.start, university.end) == (date(2027, 3, 1), date(2027, 4, 30))
    assert university.Title() == "University session, spring 2027"
    assert sorted(university.enrollments.learners) == [
        f"WikiMOOC demo learner {number}" for number in range(1, 6)
    ]
    assert api.content.get_state(university) == "open"
    lesson = portal["en"][COURSE_ID]["getting-started"]["the-five-pillars"]
    assert lesson.text.raw.startswith("<p>Wikipedia is an encyclopedia, written from a")
