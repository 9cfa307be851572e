"""The theme's own stylesheets say start and end, never left and right, so that one
stylesheet lays out left-to-right and right-to-left pages alike: margin-inline-start
rather than margin-left, inset-inline-end rather than right, text-align: start…

What CSS has no logical form of is in ALLOWED, with the reason."""

from pathlib import Path

import pytest
import re
import wikimooc.theme


PACKAGE = Path(wikimooc.theme.__file__).parent
# The sources: styles/ (which `make theme` builds into static/wikimooc.css) and the
# stylesheets written by hand in static/.
BUILT = PACKAGE / "static" / "wikimooc.css"
SOURCES = sorted(
    [*(PACKAGE.parents[2] / "styles").glob("*.css"),
     *(path for path in (PACKAGE / "static").glob("*.css") if path != BUILT)]
)

# (file name, selector, declaration): why it may name a side.
ALLOWED = {
    ("wikimooc.css", ".form-select:dir( rtl )", "background-position: left 0.75rem center"):
        "CSS has no logical background-position: Bootstrap's arrow moved to the select's"
        " end on right-to-left pages",
}

SIDED_PROPERTY = re.compile(r"(^|-)(left|right)(-|$)")
SIDE_WORD = re.compile(r"\b(left|right)\b")
FOUR_SIDES = {"margin", "padding", "inset", "border-width", "border-style", "border-color",
              "scroll-margin", "scroll-padding"}


def values(text):
    """The space-separated values of a declaration, ``var( --x )`` as one."""
    found, depth, current = [], 0, ""
    for character in text:
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character.isspace() and depth == 0:
            if current:
                found.append(current)
            current = ""
        else:
            current += character
    return [*found, current] if current else found


def mirrored_differently(name, value):
    """A shorthand whose left and right values differ (``padding: 0 1em 0 2em``)."""
    if name in FOUR_SIDES:
        sides = values(value)
        return len(sides) == 4 and sides[1] != sides[3]
    if name == "border-radius":
        for radii in value.split("/"):
            corners = values(radii)
            top_left, top_right, bottom_right, bottom_left = {
                1: lambda c: c * 4,
                2: lambda c: [c[0], c[1], c[0], c[1]],
                3: lambda c: [c[0], c[1], c[2], c[1]],
                4: lambda c: c,
            }[len(corners)](corners)
            if top_left != top_right or bottom_left != bottom_right:
                return True
    return False


def declarations(css):
    """(selector, property, value) of every declaration, comments left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for selector, body in re.findall(r"([^{}]*)\{([^{}]*)\}", css):
        for declaration in body.split(";"):
            name, colon, value = declaration.partition(":")
            if colon:
                yield " ".join(selector.split()), name.strip().lower(), " ".join(value.split())


def physical(name, value):
    unquoted = re.sub(r"url\([^)]*\)|'[^']*'|\"[^\"]*\"", "", value.lower())
    return bool(
        SIDED_PROPERTY.search(name) or SIDE_WORD.search(unquoted)
        or mirrored_differently(name, unquoted)
    )


def sided_declarations(path):
    return [
        (path.name, selector, f"{name}: {value}")
        for selector, name, value in declarations(path.read_text())
        if physical(name, value)
    ]


def test_the_theme_has_source_stylesheets():
    assert {path.name for path in SOURCES} >= {"wikimooc.css", "video.css"}
    assert PACKAGE.parents[2].joinpath("styles", "wikimooc.css") in SOURCES


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_stylesheets_use_logical_properties(path):
    sided = [found for found in sided_declarations(path) if found not in ALLOWED]
    assert not sided, f"{path}: {sided} (logical properties, or ALLOWED with a reason)"


def test_every_allowed_exception_is_still_there():
    found = {declaration for path in SOURCES for declaration in sided_declarations(path)}
    assert set(ALLOWED) <= found, set(ALLOWED) - found


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        (".a { margin-left: auto; }", [".a", "margin-left: auto"]),
        (".a { right: 0; }", [".a", "right: 0"]),
        (".a { text-align: right; }", [".a", "text-align: right"]),
        (".a { float: left; }", [".a", "float: left"]),
        (".a { border-right-width: 2px; }", [".a", "border-right-width: 2px"]),
        (".a { padding: 0 var( --x ) 0 1em; }", [".a", "padding: 0 var( --x ) 0 1em"]),
        (".a { border-radius: 2px 0 0 2px; }", [".a", "border-radius: 2px 0 0 2px"]),
        (".a { background: url(x.svg) no-repeat left center; }",
         [".a", "background: url(x.svg) no-repeat left center"]),
        ("@media ( max-width: 9px ) { .a:hover { border-top-left-radius: 1px; } }",
         [".a:hover", "border-top-left-radius: 1px"]),
        (".a { margin-inline-start: auto; inset-inline-end: 0; text-align: end; }", None),
        (".a { float: inline-start; padding: 0 1em 0 1em; border-radius: 2px 2px 0 0; }", None),
        (".a { grid-template-areas: 'left right'; } /* margin-left: 0; */", None),
    ],
)
def test_what_counts_as_a_side(tmp_path, css, expected):
    stylesheet = tmp_path / "probe.css"
    stylesheet.write_text(css)
    assert sided_declarations(stylesheet) == ([("probe.css", *expected)] if expected else [])
