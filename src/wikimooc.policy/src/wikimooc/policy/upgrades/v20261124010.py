"""Exercises and sessions get their peer-review settings (wikimooc.workflows'
behaviors); existing ones take the defaults until edited."""

PROFILE = "profile-wikimooc.policy:default"


def upgrade(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "typeinfo", run_dependencies=False)
