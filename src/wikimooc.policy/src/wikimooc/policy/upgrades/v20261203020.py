"""Quizzes: the Quiz and QuizQuestion types in modules, without a workflow of their
own, and who may add them (wikimooc.workflows' rolemap holds the add permissions)."""

POLICY = "profile-wikimooc.policy:default"
WORKFLOWS = "profile-wikimooc.workflows:default"


def upgrade(setup_tool):
    setup_tool.runImportStepFromProfile(WORKFLOWS, "rolemap", run_dependencies=False)
    for step in ("typeinfo", "workflow"):
        setup_tool.runImportStepFromProfile(POLICY, step, run_dependencies=False)
