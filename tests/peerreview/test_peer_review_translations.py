"""Every state and transition of the submission and review workflows has an English
and a French title, and every message of wikimooc.workflows a French translation."""

from pathlib import Path
from wikimooc.workflows import _
from zope.i18n import translate

import ast
import pytest
import re
import wikimooc.workflows


WORKFLOWS = {
    "wikimooc_submission_workflow": {
        "states": ("draft", "submitted", "in_review", "graded", "cancelled"),
        "transitions": (
            "submit", "start_review", "grade", "resume_review", "return_for_revision", "cancel",
        ),
    },
    "wikimooc_review_workflow": {
        "states": ("counted", "cancelled"),
        "transitions": ("cancel",),
    },
}


def titled():
    for workflow_id, parts in WORKFLOWS.items():
        yield workflow_id, "workflow", workflow_id
        for kind, ids in parts.items():
            for item_id in ids:
                yield workflow_id, kind, item_id


@pytest.mark.parametrize("workflow_id, kind, item_id", list(titled()))
def test_a_french_title(portal, workflow_id, kind, item_id):
    workflow = portal.portal_workflow[workflow_id]
    item = workflow if kind == "workflow" else getattr(workflow, kind)[item_id]
    french = translate(item.title, domain="plone", target_language="fr")
    assert item.title and french and french != item.title


@pytest.mark.parametrize("workflow_id", WORKFLOWS)
def test_the_table_lists_every_state_and_transition(portal, workflow_id):
    workflow = portal.portal_workflow[workflow_id]
    assert set(workflow.states.objectIds()) == set(WORKFLOWS[workflow_id]["states"])
    assert set(workflow.transitions.objectIds()) == set(WORKFLOWS[workflow_id]["transitions"])


PACKAGE = Path(wikimooc.workflows.__file__).parent
CATALOGUE = PACKAGE / "locales" / "fr" / "LC_MESSAGES" / "wikimooc.po"
STRING = r'"(?:[^"\\]|\\.)*"'
MESSAGE_CALL = re.compile(rf"\b_\(\s*((?:{STRING}\s*)+)")
TEMPLATE_MESSAGE = re.compile(r'i18n:translate="">([^<]+)<')


def package_messages():
    found = set()
    for source in PACKAGE.rglob("*.py"):
        for call in MESSAGE_CALL.finditer(source.read_text()):
            found.add("".join(ast.literal_eval(part) for part in re.findall(STRING, call[1])))
    for template in PACKAGE.rglob("*.pt"):
        found.update(" ".join(text.split()) for text in TEMPLATE_MESSAGE.findall(template.read_text()))
    return found


def catalogue():
    pairs = re.findall(rf"^msgid ({STRING})\nmsgstr ({STRING})$", CATALOGUE.read_text(), re.M)
    return {ast.literal_eval(msgid): ast.literal_eval(msgstr) for msgid, msgstr in pairs}


def test_messages_are_found():
    assert "You cannot review your own work." in package_messages()


@pytest.mark.parametrize("message", sorted(package_messages()))
def test_french_translation_exists(message):
    assert catalogue().get(message), f"no French for {message!r} in {CATALOGUE.name}"


def test_refusals_are_translated_at_run_time(portal):
    message = _("Points must be a number from 0 to ${maximum}.", mapping={"maximum": 5})
    assert translate(message, target_language="fr") == "Les points doivent être un nombre de 0 à 5."
