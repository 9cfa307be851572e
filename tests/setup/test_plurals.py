"""Plural messages (wikimooc.theme.plurals): every one the code gives has all its
forms (as many as the language's Plural-Forms says), not empty, in the catalogue of
the ``wikimooc-plurals`` domain, which ``make i18n`` does not write, of every language
under the theme's locales/ (English included); French takes the singular for 0 and 1,
Arabic has six forms."""

from gettext import GNUTranslations
from io import BytesIO
from pathlib import Path
from pythongettext.msgfmt import Msgfmt

import ast
import pytest
import re
import wikimooc.theme


THEME = Path(wikimooc.theme.__file__).parent
LANGUAGES = sorted(path.name for path in (THEME / "locales").iterdir() if path.is_dir())


def plural_messages():
    found = set()
    for path in THEME.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in ("plural", "plural_message")
                and len(node.args) >= 2
                and all(isinstance(arg, ast.Constant) for arg in node.args[:2])
            ):
                found.add((node.args[0].value, node.args[1].value))
    return sorted(found)


def catalogue(language):
    po = THEME / "locales" / language / "LC_MESSAGES" / "wikimooc-plurals.po"
    with po.open("rb") as source:
        return GNUTranslations(BytesIO(Msgfmt(source, name=str(po)).get()))


MESSAGES = plural_messages()


def form_count(language):
    rule = catalogue(language).info()["plural-forms"]
    return int(re.search(r"nplurals=(\d+)", rule).group(1))


def test_the_code_gives_plural_messages():
    assert ("${count} learner", "${count} learners") in MESSAGES


def test_the_languages_are_found():
    assert {"en", "fr", "es", "ar"} <= set(LANGUAGES)
    assert form_count("ar") == 6


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("singular, plural", MESSAGES)
def test_each_plural_message_has_its_forms(language, singular, plural):
    assert (THEME / "locales" / language / "LC_MESSAGES" / "wikimooc-plurals.po").is_file()
    forms = catalogue(language)._catalog
    for index in range(form_count(language)):
        assert forms.get((singular, index)), f"no form {index} of {singular!r} in {language}"


def test_french_plural_forms():
    french = catalogue("fr")
    forms = [french.ngettext("${count} learner", "${count} learners", n) for n in (0, 1, 2)]
    assert forms == ["${count} apprenant·e", "${count} apprenant·e", "${count} apprenant·es"]
    english = catalogue("en").ngettext("${count} learner", "${count} learners", 0)
    assert english == "${count} learners"


@pytest.mark.parametrize(
    "number, form",
    [
        (0, "لم يُعثر على أي مساق"),
        (1, "عُثر على مساق واحد"),
        (2, "عُثر على مساقين"),
        (3, "عُثر على ${count} مساقات"),
        (11, "عُثر على ${count} مساقًا"),
        (100, "عُثر على ${count} مساق"),
        (103, "عُثر على ${count} مساقات"),
    ],
)
def test_arabic_plural_forms(number, form):
    arabic = catalogue("ar").ngettext("${count} course found", "${count} courses found", number)
    assert arabic == form
