"""The course review workflow: draft, pending review, published."""

PROFILE = "profile-wikimooc.workflows:default"


def upgrade(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
