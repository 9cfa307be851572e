"""The forum (question and answer types, bound to wikimooc.workflows' forum post
workflow, which its own upgrade step brings first), the certificate settings of
sessions, and the site's public address for the worker's mails."""

PROFILE = "profile-wikimooc.policy:default"
STEPS = ("typeinfo", "workflow", "plone.app.registry")


def upgrade(setup_tool):
    for step in STEPS:
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
