"""Forum and certificates: their permissions, "Post in forum" in the session
workflows (which existing sessions get at once) and the forum post workflow."""

from wikimooc.workflows.upgrades.v20261124004 import update_session_role_mappings


PROFILE = "profile-wikimooc.workflows:default"


def upgrade(setup_tool):
    for step in ("rolemap", "workflow"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    update_session_role_mappings()
