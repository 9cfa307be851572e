"""A site from before the forum and certificates gets them from the upgrade steps of
wikimooc.workflows (permissions, posting on sessions, the forum post workflow) and
wikimooc.policy (the forum types, the certificate settings, the public address)."""

from plone import api
from plone.registry.interfaces import IRegistry
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.forum.posting import ask
from zope.component import getUtility

import pytest


POST = "wikimooc: Post in forum"
SITE_PERMISSIONS = (POST, "wikimooc: Moderate forum", "wikimooc: Manage certificates")
PROFILES = ("wikimooc.workflows:default", "wikimooc.policy:default")


def granted(obj, permission):
    return {role["name"] for role in obj.rolesOfPermission(permission) if role["selected"]}


@pytest.fixture
def site_before_the_forum(portal, make_session):
    """The state the site was in at versions 20261124004 and 20261124010, with an
    open session."""
    session = make_session()
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(session, "open")
    session.manage_permission(POST, roles=[], acquire=True)
    for permission in SITE_PERMISSIONS:
        portal.manage_permission(permission, roles=[], acquire=True)
    portal.portal_types.manage_delObjects(["ForumQuestion", "ForumAnswer"])
    portal.portal_workflow.manage_delObjects(["wikimooc_forum_post_workflow"])
    fti = portal.portal_types["CourseSession"]
    fti.behaviors = tuple(name for name in fti.behaviors if name != "wikimooc.certificate_settings")
    del getUtility(IRegistry).records["wikimooc.public_url"]
    setup_tool = portal.portal_setup
    setup_tool.setLastVersionForProfile("wikimooc.workflows:default", "20261124004")
    setup_tool.setLastVersionForProfile("wikimooc.policy:default", "20261124010")
    return session


def test_the_upgrade_steps_bring_the_forum_and_certificates(portal, site_before_the_forum):
    session = site_before_the_forum
    setup_tool = portal.portal_setup
    with api.env.adopt_roles(["Manager"]):
        for profile in PROFILES:
            setup_tool.upgradeProfile(profile)

    assert {"ForumQuestion", "ForumAnswer"} <= set(portal.portal_types.objectIds())
    for type_id in ("ForumQuestion", "ForumAnswer"):
        assert portal.portal_workflow.getChainForPortalType(type_id) == (
            "wikimooc_forum_post_workflow",
        )
    assert "wikimooc.certificate_settings" in portal.portal_types["CourseSession"].behaviors
    assert session.certificate_exercises == [] and session.certificate_minimum_grade == 50
    assert granted(session, POST) == {"Manager", "Site Administrator", "Teacher", "Learner"}
    assert granted(portal, "wikimooc: Moderate forum") == {
        "Manager", "Site Administrator", "Teacher"
    }
    assert api.portal.get_registry_record("wikimooc.public_url") is None
    for profile in PROFILES:
        assert setup_tool.listUpgrades(profile) == []

    api.user.create(email="ada@example.org", username="ada", password="secret-pw-123")
    add_learners(session, ["ada"], added_by="teacher")
    with api.env.adopt_user(username="ada"):
        question = ask(session, "Where do I start?", "<p>Hello</p>")
    assert question.portal_type == "ForumQuestion"
    assert api.content.get_state(question) == "visible"
