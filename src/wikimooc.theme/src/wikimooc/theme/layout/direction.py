"""Pages read in their language's direction: ``<html dir="rtl">`` for Arabic, Persian,
Hebrew, Urdu… and ``dir="ltr"`` for the others, decided from the page's language code
(its ``lang``) with the Unicode CLDR's data, so a new language root needs no code.

Plone's main template writes ``dir`` on ``<body>`` only, from a list of four
languages (``ar``, ``fa``, ``he``, ``ps``); the root element's direction is what
browsers scroll and lay out the whole page by, so this transform writes it there, and
the same on ``<body>`` so the two never disagree.

A page Diazo has themed is already parsed: the transform sets the two attributes on
its tree. Any other page is edited as text, its two start tags only: parsing and
writing back the whole page cost it about a millisecond (bench/direction.py)."""

from babel import Locale
from babel import UnknownLocaleError
from functools import lru_cache
from repoze.xmliter.serializer import XMLSerializer
from wikimooc.policy.transforms import Transform

import re


@lru_cache(maxsize=64)
def text_direction(language):
    """``"rtl"`` or ``"ltr"`` for a language code (``ar``, ``ur-PK``, ``pt_BR``);
    unknown codes read left to right."""
    for code in (language, language.replace("_", "-").split("-")[0]):
        try:
            return Locale.parse(code, sep="-" if "-" in code else "_").text_direction
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return "ltr"


# A start tag's attributes (a quoted value may hold a ">").
ATTRIBUTES = r"""((?:[^>"']|"[^"]*"|'[^']*')*)"""
# The page's start as a main template writes it: a doctype and comments, then
# ``<html …>``; its head, and ``</head>`` then ``<body …>``. A page of another shape
# (a fragment, a page without ``</head>``) is left as it is.
HTML_TAG = re.compile(r"\A\ufeff?(?:\s|<!--.*?-->|<![^>]*>)*<html" + ATTRIBUTES + ">",
                      re.I | re.S)
BODY_TAG = re.compile(r"</head>(?:\s|<!--.*?-->)*<body" + ATTRIBUTES + ">", re.I | re.S)
LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
DIR = re.compile(r"""\sdir\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)""", re.I)


def with_direction(attributes, direction):
    """A start tag's attributes with ``dir`` replaced, or added."""
    written = f' dir="{direction}"'
    if DIR.search(attributes):
        return DIR.sub(written, attributes, count=1)
    return attributes.rstrip("/ \t\r\n") + written


def page_language(attributes):
    found = LANG.search(attributes)
    return next((value for value in found.groups() if value is not None), "") if found else ""


def with_page_direction(page):
    """The page's text with ``dir`` on ``<html>`` and ``<body>``, or None."""
    html_tag = HTML_TAG.match(page)
    body_tag = html_tag and BODY_TAG.search(page, html_tag.end())
    language = html_tag and page_language(html_tag.group(1))
    if not (body_tag and language):
        return None
    direction = text_direction(language)
    return "".join((
        page[:html_tag.start(1)], with_direction(html_tag.group(1), direction),
        page[html_tag.end(1):body_tag.start(1)], with_direction(body_tag.group(1), direction),
        page[body_tag.end(1):],
    ))


class TextDirection(Transform):
    # After Diazo (8850), which copies the main template's <html lang>; before
    # plone.protect (9000).
    order = 8900

    def transformUnicode(self, result, encoding):
        return with_page_direction(result) if self.is_html_page() else None

    def transformBytes(self, result, encoding):
        if not self.is_html_page():
            return None
        try:
            page = with_page_direction(result.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            return None
        return None if page is None else page.encode(encoding)

    def transformIterable(self, result, encoding):
        if isinstance(result, XMLSerializer):
            return self.set_on_tree(result)
        # A list of strings is a page; other iterables (files streamed) are left alone.
        if not (isinstance(result, list) and all(isinstance(chunk, bytes) for chunk in result)):
            return None
        page = self.transformBytes(b"".join(result), encoding)
        return None if page is None else [page]

    def set_on_tree(self, page):
        root = page.tree.getroot()
        language = root.get("lang")
        if root.tag != "html" or not language:
            return None
        direction = text_direction(language)
        root.set("dir", direction)
        body = root.find("body")
        if body is not None:
            body.set("dir", direction)
        return page

    def is_html_page(self):
        response = self.request.response
        return (response.getHeader("Content-Type") or "").startswith("text/html") and not (
            response.getHeader("Content-Encoding")
        )
