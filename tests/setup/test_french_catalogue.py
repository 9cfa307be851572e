"""Every message the code and page templates of a WikiMOOC package mark for
translation is in that package's French catalogue."""

from pathlib import Path

import ast
import pytest
import re
import wikimooc.policy
import wikimooc.workflows


PACKAGES = {
    package.__name__: Path(package.__file__).parent
    for package in (wikimooc.policy, wikimooc.workflows)
}
STRING = r'"(?:[^"\\]|\\.)*"'
MESSAGE_CALL = re.compile(rf"\b_\(\s*((?:{STRING}\s*)+)")
# Plain text between a tag with i18n:translate="" and its end tag.
TEMPLATE_MESSAGE = re.compile(r'i18n:translate="">([^<]+)</')


def messages(folder):
    found = set()
    for source in folder.rglob("*.py"):
        for call in MESSAGE_CALL.finditer(source.read_text()):
            found.add("".join(ast.literal_eval(part) for part in re.findall(STRING, call[1])))
    for template in folder.rglob("*.pt"):
        found.update(" ".join(text.split()) for text in TEMPLATE_MESSAGE.findall(template.read_text()))
    return found


def catalogue(folder):
    text = (folder / "locales" / "fr" / "LC_MESSAGES" / "wikimooc.po").read_text()
    pairs = re.findall(rf"^msgid ({STRING})\nmsgstr ({STRING})$", text, re.M)
    return {ast.literal_eval(msgid): ast.literal_eval(msgstr) for msgid, msgstr in pairs}


@pytest.mark.parametrize(
    "package, message",
    [("wikimooc.policy", "This session is full."), ("wikimooc.policy", "Log in to enroll"),
     ("wikimooc.workflows", "You cannot review your own work."), ("wikimooc.workflows", "Give my review")],
)
def test_messages_are_found(package, message):
    assert message in messages(PACKAGES[package])


@pytest.mark.parametrize(
    "package, message",
    [(package, message) for package, folder in PACKAGES.items() for message in sorted(messages(folder))],
)
def test_french_translation_exists(package, message):
    assert catalogue(PACKAGES[package]).get(message), f"no French for {message!r} in {package}"
