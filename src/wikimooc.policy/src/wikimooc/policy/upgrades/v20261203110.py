"""Programs: the Program type (sessions and programs reported on together), added
where courses can be, with the site's default workflow (private until published)."""

POLICY = "profile-wikimooc.policy:default"


def upgrade(setup_tool):
    setup_tool.runImportStepFromProfile(POLICY, "typeinfo", run_dependencies=False)
