"""The upgrade step that brings the tour builder's types to an existing site."""

from wikimooc.policy.upgrades.v20261124030 import upgrade


def test_the_upgrade_adds_the_tour_types_to_courses(portal, setup_tool):
    types = portal.portal_types
    types.manage_delObjects(["GuidedTourDraft", "GuidedTourStep"])
    types.Course.allowed_content_types = tuple(
        name for name in types.Course.allowed_content_types if name != "GuidedTourDraft"
    )
    upgrade(setup_tool)
    assert {"GuidedTourDraft", "GuidedTourStep"} <= set(types.objectIds())
    assert "GuidedTourDraft" in types.Course.allowed_content_types
    assert types.GuidedTourDraft.allowed_content_types == ("GuidedTourStep",)
    chain = portal.portal_workflow.getChainForPortalType("GuidedTourDraft")
    assert tuple(chain) == ()
