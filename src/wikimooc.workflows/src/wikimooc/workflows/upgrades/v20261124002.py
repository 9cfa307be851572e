"""WikiMOOC's roles, and the public and private session workflows."""

PROFILE = "profile-wikimooc.workflows:default"


def upgrade(setup_tool):
    for step in ("rolemap", "workflow"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
