"""Guided tours: the tour builder's types (GuidedTourDraft and its steps, added in
courses) arrive without a workflow of their own."""

PROFILE = "profile-wikimooc.policy:default"


def upgrade(setup_tool):
    for step in ("typeinfo", "workflow"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
