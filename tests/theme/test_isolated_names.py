"""Wiki usernames and people's names, written in any script, are isolated from the text
around them wherever a template inserts them (``<bdi>``, or ``dir="auto"`` on the
element that holds them): an Arabic username on an English page, or a Latin one in
an Arabic sentence, never reorders its neighbours."""

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


def test_templates_that_write_names_are_found():
    writing = {short_name(path) for path in TEMPLATES if inserted_names(path)}
    assert writing >= {
        "tracking/templates/dashboard.pt", "enrollment/templates/learners.pt",
        "forum/templates/forum_macros.pt", "grades/templates/gradebook.pt",
        "layout/templates/user_menu.pt", "certificates/templates/certificates.pt",
    }


def short_name(path):
    return path.relative_to(path.parents[2]).as_posix()


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
