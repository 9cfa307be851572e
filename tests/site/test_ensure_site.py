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


@pytest.mark.parametrize("language", ["en", "fr", "de", "nl", "es", "ar"])
def test_every_demo_language_has_its_root(site, language):
    assert site[language].portal_type == "LRF"


@pytest.mark.parametrize("course", DEMO_COURSES, ids=lambda course: course.id)
def test_demo_course_is_published_in_its_language(site, course):
    created = site[course.language][course.id]
    assert created.portal_type == "Course"
    assert created.Title() == course.title
    assert created.Language() == course.language
    assert created.projects == course.projects
    assert api.content.get_state(created) == "published"
    module = created[course.module.id]
    assert module[course.module.lesson_id].portal_type == "Lesson"
    exercise = module[course.module.exercise.id]
    assert (exercise.check, exercise.wiki_action) == ("wiki", course.module.exercise.wiki_action)
    if course.module.quiz is not None:
        quiz = module[course.module.quiz.id]
        assert [question.getId() for question in quiz.questions()] == [
            question.id for question in course.module.quiz.questions
        ]
    for session in course.sessions:
        run = created[session.id]
        assert run.portal_type == "CourseSession"
        assert run.kind == ("private" if session.private else "public")
        assert run.wiki == session.wiki
        assert api.content.get_state(run) == "open"


def test_university_session_is_private_with_demo_learners(site):
    course = site["en"]["how-to-contribute-to-wikipedia"]
    university = course["university-session-2027"]
    assert university.capacity == 200
    assert university.enrollment_policy == "invitation"
    assert len(university.enrollments) == 5
    with api.env.adopt_roles(["Anonymous"]):
        assert not api.user.has_permission("View", obj=university)
        assert api.user.has_permission("View", obj=course["public-session-2027"])


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
