"""Every message the policy's code marks for translation is in the French catalogue."""

from pathlib import Path

import ast
import pytest
import re
import wikimooc.policy


PACKAGE = Path(wikimooc.policy.__file__).parent
CATALOGUE = PACKAGE / "locales" / "fr" / "LC_MESSAGES" / "wikimooc.po"
STRING = r'"(?:[^"\\]|\\.)*"'
MESSAGE_CALL = re.compile(rf"\b_\(\s*((?:{STRING}\s*)+)")


def python_messages():
    found = set()
    for source in PACKAGE.rglob("*.py"):
        for call in MESSAGE_CALL.finditer(source.read_text()):
            found.add("".join(ast.literal_eval(part) for part in re.findall(STRING, call[1])))
    return found


def catalogue():
    text = CATALOGUE.read_text()
    pairs = re.findall(rf"^msgid ({STRING})\nmsgstr ({STRING})$", text, re.M)
    return {ast.literal_eval(msgid): ast.literal_eval(msgstr) for msgid, msgstr in pairs}


def test_messages_are_found():
    assert "This session is full." in python_messages()


@pytest.mark.parametrize("message", sorted(python_messages()))
def test_french_translation_exists(message):
    assert catalogue().get(message), f"no French for {message!r} in {CATALOGUE.name}"
