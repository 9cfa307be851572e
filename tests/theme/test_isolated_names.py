"""Wiki usernames and people's names, written in any script, are isolated from the text
around them wherever a template inserts them (``<bdi>``, or ``dir="auto"`` on the
element that holds them): an Arabic username on an English page, or a Latin one in
an Arabic sentence, never reorders its neighbours. So is everything a template
inserts into a translated message (``i18n:name``: "Dashboard of ${session}", "Practice
on ${wiki}"), but the numbers and dates of NUMBERS_AND_DATES."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
import re
import wikimooc.theme


TEMPLATES = sorted(Path(wikimooc.theme.__file__).parent.rglob("*.pt"))
# An expression that gives a username or a person's name: ``learner/wiki_username``,
# ``view/user_name``, ``python: author['wiki_username']``, ``item/learner/name``,
# ``item/author``, ``result/name``.
NAME = re.compile(r"user_?name|\bauthor\b|\b(learner|result)/name\b")


def short_name(path):
    return path.relative_to(path.parents[2]).as_posix()


# What an i18n:name may insert without isolation: numbers and dates, which the views
# write in the reader's own language and digits (a lone number takes the direction of
# the sentence around it).
NUMBERS_AND_DATES = {
    "attempts", "bytes", "count", "date", "done", "edits", "end", "failed", "grade",
    "interrupted", "learners", "max", "number", "pass_mark", "points", "recipients",
    "score", "sent", "since", "skipped", "start", "total", "unanswered", "week", "when",
}
# Form controls are atomic boxes: the browser isolates them from the sentence.
CONTROLS = {"input", "select", "textarea"}


class InsertedNames(HTMLParser):
    """Every element of a template that writes a name: (line, tag, attributes)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for statement in ("tal:content", "tal:replace"):
            expression = attributes.get(statement) or ""
            if NAME.search(expression.replace("structure ", "")):
                self.found.append((self.getpos()[0], tag, statement, attributes))

    handle_startendtag = handle_starttag


def inserted_names(path):
    parser = InsertedNames()
    parser.feed(path.read_text())
    return parser.found


def not_isolated(path):
    return [
        f"{path.name}:{line} <{tag} {statement}={attributes[statement]!r}>"
        for line, tag, statement, attributes in inserted_names(path)
        if statement == "tal:replace" or (tag != "bdi" and attributes.get("dir") != "auto")
    ]


class Insertions(HTMLParser):
    """Every element of a template that an i18n:name inserts into a translated message:
    (line, tag, its i18n:name, attributes)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "i18n:name" in attributes:
            self.found.append((self.getpos()[0], tag, attributes["i18n:name"], attributes))

    handle_startendtag = handle_starttag


def insertions(path):
    parser = Insertions()
    parser.feed(path.read_text())
    return parser.found


def isolating(tag, attributes):
    """A ``<bdi>`` or an element with ``dir="auto"`` that stays in the page (a
    ``tal:replace``, or a ``tal:`` element's ``replace``, leaves only its text)."""
    replaced = "tal:replace" in attributes or (tag.startswith("tal:") and "replace" in attributes)
    return (tag == "bdi" or attributes.get("dir") == "auto") and not replaced


def not_isolated_insertions(path):
    return [
        f"{path.name}:{line} <{tag} i18n:name={name!r}>"
        for line, tag, name, attributes in insertions(path)
        if name not in NUMBERS_AND_DATES and tag not in CONTROLS
        # An element with words of its own (a link "the catalogue") is the interface's.
        and "i18n:translate" not in attributes and not isolating(tag, attributes)
    ]


@pytest.mark.parametrize("path", TEMPLATES, ids=short_name)
def test_what_a_message_inserts_is_isolated(path):
    assert not not_isolated_insertions(path)


def test_every_number_and_date_name_is_still_used():
    used = {name for path in TEMPLATES for _line, _tag, name, _attributes in insertions(path)}
    assert used >= NUMBERS_AND_DATES, NUMBERS_AND_DATES - used
    assert len(used - NUMBERS_AND_DATES) >= 20  # titles, names, wikis, pages…


@pytest.mark.parametrize(
    ("markup", "isolated"),
    [
        ('<h1 i18n:translate="">Dashboard of <span i18n:name="session"'
         ' tal:replace="context/Title" /></h1>', False),
        ('<p i18n:translate="">On <strong i18n:name="wiki" tal:content="view/wiki" /></p>', False),
        ('<p i18n:translate="">By <bdi i18n:name="who" tal:replace="view/who" /></p>', False),
        ('<p i18n:translate="">Of <tal:t i18n:name="title" replace="view/title" /></p>', False),
        ('<h1 i18n:translate="">Dashboard of <bdi i18n:name="session"'
         ' tal:content="context/Title" /></h1>', True),
        ('<p i18n:translate="">Of <a i18n:name="course" dir="auto" tal:content="c/Title" /></p>',
         True),
        ('<p i18n:translate="">Due <span i18n:name="date" tal:replace="view/day" /></p>', True),
        ('<p i18n:translate="">See <a i18n:name="all" i18n:translate="">all</a></p>', True),
        ('<p i18n:translate="">Choose <select i18n:name="select"></select></p>', True),
    ],
)
def test_what_counts_as_an_isolated_insertion(tmp_path, markup, isolated):
    template = tmp_path / "probe.pt"
    template.write_text(markup)
    assert (not not_isolated_insertions(template)) == isolated


def test_templates_that_write_names_are_found():
    writing = {short_name(path) for path in TEMPLATES if inserted_names(path)}
    assert writing >= {
        "tracking/templates/dashboard.pt", "enrollment/templates/learners.pt",
        "forum/templates/forum_macros.pt", "grades/templates/gradebook.pt",
        "layout/templates/user_menu.pt", "certificates/templates/certificates.pt",
    }


@pytest.mark.parametrize("path", TEMPLATES, ids=short_name)
def test_names_are_isolated(path):
    assert not not_isolated(path)


@pytest.mark.parametrize(
    ("markup", "isolated"),
    [
        ('<td tal:content="learner/wiki_username" />', False),
        ('<span tal:replace="info/learner/name" />', False),
        ("<strong tal:content=\"python: author['wiki_username']\">Ada</strong>", False),
        ('<a dir="auto" tal:content="row/wiki_username">Ada</a>', True),
        ('<td><bdi tal:content="item/author" /></td>', True),
        ('<td tal:content="page/name" />', True),  # a wiki page, not a person
    ],
)
def test_what_counts_as_isolated(tmp_path, markup, isolated):
    template = tmp_path / "probe.pt"
    template.write_text(markup)
    assert (not not_isolated(template)) == isolated
