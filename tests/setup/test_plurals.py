"""Plural messages (wikimooc.theme.plurals): every one the code gives has its forms,
not empty, in the English and the French catalogues of the ``wikimooc-plurals``
domain, which ``make i18n`` does not write; French takes the singular for 0 and 1."""

from gettext import GNUTranslations
from io import BytesIO
from pathlib import Path
from pythongettext.msgfmt import Msgfmt

import ast
import pytest
import wikimooc.theme


THEME = Path(wikimooc.theme.__file__).parent
LANGUAGES = ("en", "fr")


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


def test_the_code_gives_plural_messages():
    assert ("${count} learner", "${count} learners") in MESSAGES


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("singular, plural", MESSAGES)
def test_each_plural_message_has_its_forms(language, singular, plural):
    forms = catalogue(language)._catalog
    for index in range(2):
        assert forms.get((singular, index)), f"no form {index} of {singular!r} in {language}"


def test_french_plural_forms():
    french = catalogue("fr")
    forms = [french.ngettext("${count} learner", "${count} learners", n) for n in (0, 1, 2)]
    assert forms == ["${count} apprenant·e", "${count} apprenant·e", "${count} apprenant·es"]
    english = catalogue("en").ngettext("${count} learner", "${count} learners", 0)
    assert english == "${count} learners"
