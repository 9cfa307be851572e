"""Upgrade 20261124002 turns the foundation's Folder/Page stand-ins into Courses."""

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
