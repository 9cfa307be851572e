"""The user menu's links (My courses, Create account) find the language root through
plone_portal_state instead of the deprecated globals_view/navigationRootUrl."""

PROFILE = "profile-wikimooc.theme:default"


def upgrade(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "actions", run_dependencies=False)
