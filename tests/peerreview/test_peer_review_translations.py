"""Refusals come in French (the French titles of the submission and review
workflows are tested with the others in tests/workflows/test_course_workflow.py,
the catalogue's completeness in tests/setup/test_french_catalogue.py)."""

from wikimooc.workflows import _
from zope.i18n import translate

import pytest


@pytest.mark.parametrize(
    "message, french",
    [
        (_("Points must be a number from 0 to ${maximum}.", mapping={"maximum": 5}),
         "Les points doivent être un nombre de 0 à 5."),
        (_("You are not allocated to review this submission."),
         "Ce travail ne vous a pas été attribué pour évaluation."),
    ],
)
def test_refusals_are_translated_at_run_time(portal, message, french):
    assert translate(message, target_language="fr") == french
