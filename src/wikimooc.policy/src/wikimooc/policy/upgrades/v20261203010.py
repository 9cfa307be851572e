"""Quizzes: the Quiz and QuizQuestion types in modules, without a workflow of their
own, and who may add them."""

PROFILE = "profile-wikimooc.policy:default"


def upgrade(setup_tool):
    for step in ("rolemap", "typeinfo", "workflow"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
