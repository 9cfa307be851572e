"""Peer review: the Submission and Review types, their workflows, the Peer Reviewer
role and the peer-review permissions, which existing sessions get at once."""

from plone import api


PROFILE = "profile-wikimooc.workflows:default"


def upgrade(setup_tool):
    for step in ("rolemap", "typeinfo", "workflow"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    update_session_role_mappings()


def update_session_role_mappings():
    """Existing sessions take the permissions their workflow's state now grants."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="CourseSession"
    ):
        session = brain._unrestrictedGetObject()
        for workflow in workflow_tool.getWorkflowsFor(session):
            workflow.updateRoleMappingsFor(session)
