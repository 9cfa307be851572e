"""A site from before peer review gets it from the upgrade steps of
wikimooc.workflows (types, workflows, role, permissions on existing sessions) and
wikimooc.policy (the settings behaviors on exercises and sessions)."""

from plone import api

import pytest


BEHAVIORS = {
    "Exercise": "wikimooc.peer_review_exercise",
    "CourseSession": "wikimooc.peer_review_session",
}
NEW_WORKFLOWS = ("wikimooc_submission_workflow", "wikimooc_review_workflow")


@pytest.fixture
def site_before_peer_review(portal, make_session):
    """The state the site was in at versions 20261124003, with an open session."""
    session = make_session()
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(session, "open")
    session.manage_permission("wikimooc: Submit work", roles=[], acquire=True)
    types_tool, workflow_tool = portal.portal_types, portal.portal_workflow
    types_tool.manage_delObjects(["Submission", "Review"])
    workflow_tool.manage_delObjects(list(NEW_WORKFLOWS))
    for type_id, behavior in BEHAVIORS.items():
        fti = types_tool[type_id]
        fti.behaviors = tuple(name for name in fti.behaviors if name != behavior)
    portal._delRoles(["Peer Reviewer"])
    setup_tool = portal.portal_setup
    setup_tool.setLastVersionForProfile("wikimooc.workflows:default", "20261124003")
    setup_tool.setLastVersionForProfile("wikimooc.policy:default", "20261124003")
    return session


def test_the_upgrade_steps_bring_peer_review(portal, site_before_peer_review):
    setup_tool = portal.portal_setup
    with api.env.adopt_roles(["Manager"]):
        for profile in ("wikimooc.workflows:default", "wikimooc.policy:default"):
            setup_tool.upgradeProfile(profile)

    assert {"Submission", "Review"} <= set(portal.portal_types.objectIds())
    for type_id, behavior in BEHAVIORS.items():
        assert behavior in portal.portal_types[type_id].behaviors
    workflow_tool = portal.portal_workflow
    assert workflow_tool.getChainForPortalType("Submission") == ("wikimooc_submission_workflow",)
    assert workflow_tool.getChainForPortalType("Review") == ("wikimooc_review_workflow",)
    assert "Peer Reviewer" in portal.validRoles()
    session = site_before_peer_review
    assert session.flexible_grading_days == 7
    assert {
        role["name"]
        for role in session.rolesOfPermission("wikimooc: Submit work")
        if role["selected"]
    } == {"Learner"}
    for profile in ("wikimooc.workflows:default", "wikimooc.policy:default"):
        assert setup_tool.listUpgrades(profile) == []
