"""ensure_site: what `make start` runs to create the site or bring it up to date."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.users import system
from plone import api
from plone.app.multilingual.interfaces import IPloneAppMultilingualInstalled
from Products.GenericSetup.upgrade import _registerUpgradeStep
from Products.GenericSetup.upgrade import _upgrade_registry
from Products.GenericSetup.upgrade import UpgradeStep
from wikimooc.policy.demo import DEMO_COURSES
from wikimooc.policy.site import ensure_site
from zope.interface import noLongerProvides

import pytest


SITE_ID = "wikimooc"
POLICY_PROFILE = "wikimooc.policy:default"


@pytest.fixture
def site(app):
    # As under zconsole: the system user, on a request without the fixture portal's
    # layers (the multilingual one would fire before the new site has the add-on).
    newSecurityManager(None, system)
    noLongerProvides(app.REQUEST, IPloneAppMultilingualInstalled)
    app.REQUEST._plonebrowserlayer_ = False
    site, created = ensure_site(app, SITE_ID)
    assert created
    return site


def test_new_site_is_wikimooc_in_english(site):
    assert site.Title() == "WikiMOOC"
    assert api.portal.get_registry_record("plone.default_language") == "en"


@pytest.mark.parametrize("language", ["en", "fr", "de", "nl", "es"])
def test_every_demo_language_has_its_root(site, language):
    assert site[language].portal_type == "LRF"


@pytest.mark.parametrize("course", DEMO_COURSES, ids=lambda course: course.id)
def test_demo_course_is_published_in_its_language(site, course):
    folder = site[course.language][course.id]
    assert folder.Title() == course.title
    assert folder.Language() == course.language
    assert api.content.get_state(folder) == "published"
    for session in course.sessions:
        page = folder[session.id]
        expected = "private" if session.private else "published"
        assert api.content.get_state(page) == expected


def test_university_session_is_private(site):
    course = site["en"]["how-to-contribute-to-wikipedia"]
    assert api.content.get_state(course["university-session-2027"]) == "private"
    assert api.content.get_state(course["public-session-2027"]) == "published"


@pytest.fixture
def pending_policy_step(site):
    """An upgrade step from an older policy version, as a later release ships one."""
    calls = []
    current = site.portal_setup.getVersionForProfile(POLICY_PROFILE)
    step = UpgradeStep(
        "test step",
        POLICY_PROFILE,
        "20200101001",
        current,
        "",
        lambda setup_tool: calls.append(setup_tool),
    )
    _registerUpgradeStep(step)
    site.portal_setup.setLastVersionForProfile(POLICY_PROFILE, "20200101001")
    yield calls
    del _upgrade_registry.getUpgradeStepsForProfile(POLICY_PROFILE)[step.id]


def test_existing_site_runs_its_pending_steps_and_keeps_content(
    app, site, pending_policy_step
):
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(
            container=site["fr"], type="Document", id="notes", title="Notes"
        )
    again, created = ensure_site(app, SITE_ID)

    assert not created
    assert again.getPhysicalPath() == site.getPhysicalPath()
    assert len(pending_policy_step) == 1
    assert ".".join(site.portal_setup.getLastVersionForProfile(POLICY_PROFILE)) == (
        site.portal_setup.getVersionForProfile(POLICY_PROFILE)
    )
    assert site["fr"]["notes"].UID() == page.UID()
    assert sorted(site["fr"].objectIds()) == [
        "notes",
        "organiser-un-editathon",
        "ressources",
    ]
