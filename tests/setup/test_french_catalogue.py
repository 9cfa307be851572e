"""Every message of the wikimooc domain, in the Python code, templates, profiles and
ZCML of the three packages, has a French translation that is not fuzzy, the same in
every package that has it; each package's .pot holds exactly the messages of its code.
Messages are found as `make i18n` finds them (i18ndude's readers)."""

from functools import cache
from i18ndude.catalog import GSReader
from i18ndude.catalog import MessageCatalog
from i18ndude.catalog import PTReader
from i18ndude.catalog import PYReader
from i18ndude.catalog import ZCMLReader
from pathlib import Path

import importlib
import pytest


DOMAIN = "wikimooc"
PACKAGES = ("policy", "theme", "workflows")
READERS = (PTReader, PYReader, GSReader, ZCMLReader)


def package_folder(package):
    return Path(importlib.import_module(f"wikimooc.{package}").__file__).parent


def messages(package):
    found = set()
    for reader_class in READERS:
        reader = reader_class(str(package_folder(package)), DOMAIN)
        reader.read()
        found.update(reader.catalogs.get(DOMAIN, {}))
    return found


@cache
def french(package):
    path = package_folder(package) / "locales" / "fr" / "LC_MESSAGES" / f"{DOMAIN}.po"
    return MessageCatalog(filename=str(path))


def unescaped(msgid):
    """As the code has it: catalogues read from .po files keep quotes escaped."""
    return msgid.replace('\\"', '"').replace("\\\\", "\\")


def template_of(package):
    return MessageCatalog(filename=str(package_folder(package) / "locales" / f"{DOMAIN}.pot"))


def fuzzy(entry):
    return any("fuzzy" in comment for comment in entry.comments)


MESSAGES = sorted((package, message) for package in PACKAGES for message in messages(package))


@pytest.mark.parametrize(
    "package, message",
    [
        ("policy", "This session is full."),  # Python
        ("theme", "Enroll in this session"),  # a template
        ("policy", "A course: modules of lessons and exercises, run as sessions."),  # a profile
        ("theme", "Search courses"),
        ("workflows", "A rejection needs a comment for the authors."),
    ],
)
def test_messages_are_found(package, message):
    assert (package, message) in MESSAGES


@pytest.mark.parametrize("package, message", MESSAGES)
def test_french_translation_exists(package, message):
    # Catalogues read from .po files keep quotes escaped.
    escaped = message.replace("\\", "\\\\").replace('"', '\\"')
    entry = french(package).get(message) or french(package).get(escaped)
    assert entry is not None and entry.msgstr, f"no French for {message!r} in wikimooc.{package}"
    assert not fuzzy(entry), f"the French for {message!r} in wikimooc.{package} is fuzzy"


def test_a_fuzzy_translation_is_caught(tmp_path):
    po = tmp_path / "wikimooc.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Domain: wikimooc\\n"\n\n'
        '#, fuzzy\nmsgid "Hello"\nmsgstr "Bonjour"\n'
    )
    assert fuzzy(MessageCatalog(filename=str(po))["Hello"])


@pytest.mark.parametrize("package", PACKAGES)
def test_the_pot_file_holds_the_messages_of_the_code(package):
    """``make i18n`` was run: nothing missing, nothing left over from code that went."""
    in_pot = {unescaped(msgid) for msgid in template_of(package) if msgid}
    in_code = messages(package)
    assert sorted(in_code - in_pot) == [], "missing from the .pot: run make i18n"
    assert sorted(in_pot - in_code) == [], "no longer in the code: run make i18n"


@pytest.mark.parametrize("package", PACKAGES)
def test_every_pot_entry_says_where_it_comes_from(package):
    unreferenced = [
        msgid for msgid, entry in template_of(package).items()
        if msgid and not entry.references
    ]
    assert unreferenced == []


def test_one_french_text_per_message_across_the_packages():
    texts = {}
    for package in PACKAGES:
        for msgid, entry in french(package).items():
            if msgid and entry.msgstr:
                texts.setdefault(msgid, set()).add(entry.msgstr)
    assert {msgid: found for msgid, found in texts.items() if len(found) > 1} == {}
