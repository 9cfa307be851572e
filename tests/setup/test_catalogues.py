"""Every interface language is complete: each language found under the packages'
``locales/`` (discovered, not listed: adding a language is adding its .po files) has
a catalogue for every template (.pot) of the three packages, in which every message
is translated, not fuzzy, with the template's placeholders and HTML tags; one text per
message across the packages; its headers name the language and one plural rule. The
plural messages (``wikimooc-plurals``) are checked in tests/setup/test_plurals.py
for the same languages."""

from functools import cache
from i18ndude.catalog import MessageCatalog
from pathlib import Path
from pythongettext.msgfmt import Msgfmt

import importlib
import pytest
import re


PACKAGES = ("policy", "theme", "workflows")
# The messages are written in English: it needs no catalogue but the plural one.
SOURCE_LANGUAGE = "en"
PLACEHOLDER = re.compile(r"\$\{[a-z_]+\}")
HTML_TAG = re.compile(r"</?(?:a|abbr|b|bdi|br|code|em|i|kbd|span|strong)\b[^>]*>")


def locales(package):
    return Path(importlib.import_module(f"wikimooc.{package}").__file__).parent / "locales"


def interface_languages():
    """Every language that has a catalogue in one of the packages."""
    return sorted(
        {
            po.parent.parent.name
            for package in PACKAGES
            for po in locales(package).glob("*/LC_MESSAGES/*.po")
        }
        - {SOURCE_LANGUAGE}
    )


LANGUAGES = interface_languages()
TEMPLATES = sorted(
    (package, pot.stem) for package in PACKAGES for pot in locales(package).glob("*.pot")
)


@cache
def template(package, domain):
    return MessageCatalog(filename=str(locales(package) / f"{domain}.pot"))


def po_file(package, domain, language):
    return locales(package) / language / "LC_MESSAGES" / f"{domain}.po"


@cache
def catalogue(package, domain, language):
    return MessageCatalog(filename=str(po_file(package, domain, language)))


def headers(package, domain, language):
    """The header entry's fields, as a dictionary."""
    text = po_file(package, domain, language).read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0]
    return dict(re.findall(r'^"([A-Za-z-]+): (.*?)\\n"$', header, re.M))


def markup(text):
    return sorted(PLACEHOLDER.findall(text)), sorted(HTML_TAG.findall(text))


def fuzzy(entry):
    return any("fuzzy" in comment for comment in entry.comments)


def entries():
    """(package, domain, message) of every message the language must translate."""
    return [
        (package, domain, msgid)
        for package, domain in TEMPLATES
        for msgid in template(package, domain)
        if msgid
    ]


def test_the_languages_are_found():
    assert {"fr", "es", "ar"} <= set(LANGUAGES)
    assert SOURCE_LANGUAGE not in LANGUAGES
    assert ("theme", "wikimooc") in TEMPLATES and ("workflows", "plone") in TEMPLATES


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("package, domain", TEMPLATES)
def test_each_template_has_its_catalogue(language, package, domain):
    assert po_file(package, domain, language).is_file(), (
        f"wikimooc.{package} has no {language}/LC_MESSAGES/{domain}.po"
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("package, domain", TEMPLATES)
def test_each_catalogue_compiles_as_zope_compiles_it(language, package, domain):
    """Zope makes the .mo files at start-up with python-gettext's msgfmt."""
    path = po_file(package, domain, language)
    if path.is_file():
        with path.open("rb") as source:
            assert Msgfmt(source, name=str(path)).get()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    untranslated = []
    for package, domain, msgid in entries():
        if not po_file(package, domain, language).is_file():
            continue  # test_each_template_has_its_catalogue says so
        entry = catalogue(package, domain, language).get(msgid)
        if entry is None or not entry.msgstr.strip() or fuzzy(entry):
            untranslated.append(f"wikimooc.{package} {domain}: {msgid}")
    assert untranslated == [], f"{len(untranslated)} messages lack a {language} text"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_and_tags(language):
    changed = [
        (msgid, entry.msgstr)
        for package, domain, msgid in entries()
        if po_file(package, domain, language).is_file()
        and (entry := catalogue(package, domain, language).get(msgid)) is not None
        and entry.msgstr and markup(entry.msgstr) != markup(msgid)
    ]
    assert changed == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_text_per_message_across_the_packages(language):
    """Within a domain: Plone's ``plone`` domain may say "Grade" as a transition
    (French "Noter") where WikiMOOC's says it as a column (French "Note")."""
    texts = {}
    for package, domain in TEMPLATES:
        if po_file(package, domain, language).is_file():
            for msgid, entry in catalogue(package, domain, language).items():
                if msgid and entry.msgstr:
                    texts.setdefault((domain, msgid), set()).add(entry.msgstr)
    assert {key: found for key, found in texts.items() if len(found) > 1} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_headers_name_the_language_and_one_plural_rule(language):
    found = [
        headers(package, domain, language)
        for package, domain in TEMPLATES
        if po_file(package, domain, language).is_file()
    ]
    assert found
    assert {fields.get("Language-Code") for fields in found} == {language}
    assert all("charset=utf-8" in fields.get("Content-Type", "").lower() for fields in found)
    plural_rules = {fields.get("Plural-Forms") for fields in found}
    assert len(plural_rules) == 1 and re.match(r"nplurals=\d+; plural=", plural_rules.pop())


@pytest.mark.parametrize(
    "text, broken",
    [
        ("Hola ${name}", "Hola ${nombre}"),
        ("<a href='x'>${all}</a>", "${all}"),
        ("${date} at ${time}", "${date}"),
    ],
)
def test_a_changed_placeholder_is_caught(text, broken):
    assert markup(text) != markup(broken)
