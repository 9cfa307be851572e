"""The Wikimedia look: the stylesheet bundle, the header's viewlets, the catalogue
as the languages' home page, "My courses" and account creation in the user menu,
the toolbar for course writers only."""

PROFILE = "profile-wikimooc.theme:default"
STEPS = ("plone.app.registry", "viewlets", "typeinfo", "actions", "rolemap", "portlets")


def upgrade(setup_tool):
    for step in STEPS:
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
