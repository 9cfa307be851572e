"""Pages read in their language's direction: ``<html dir="rtl">`` for Arabic, Persian,
Hebrew, Urdu… and ``dir="ltr"`` for the others, decided from the page's language code
(its ``lang``) with the Unicode CLDR's data, so a new language root needs no code.

Plone's main template writes ``dir`` on ``<body>`` only, from a list of four
languages (``ar``, ``fa``, ``he``, ``ps``); the root element's direction is what
browsers scroll and lay out the whole page by, so this transform writes it there, and
the same on ``<body>`` so the two never disagree."""

from babel import Locale
from babel import UnknownLocaleError
from functools import lru_cache
from lxml import html
from plone.transformchain.interfaces import ITransform
from repoze.xmliter.serializer import XMLSerializer
from repoze.xmliter.utils import getHTMLSerializer
from zope.interface import implementer


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


def html_serializer(page_encoding):
    """lxml's HTML serializer, writing the page in its encoding (lxml's default, ASCII
    with character references, makes an Arabic page six times as long)."""

    def serialize(tree, encoding=None, **options):
        return html.tostring(tree, encoding=str if encoding is str else page_encoding, **options)

    return serialize


@implementer(ITransform)
class TextDirection:
    # After Diazo (8850), which copies the main template's <html lang>; before
    # plone.protect (9000), which serializes the same parsed page.
    order = 8900

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def transformBytes(self, result, encoding):
        return self.transformIterable([result], encoding)

    transformUnicode = transformBytes

    def transformIterable(self, result, encoding):
        page = self.parsed(result, encoding)
        if page is None:
            return None
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

    def parsed(self, result, encoding):
        if isinstance(result, XMLSerializer):
            return result
        response = self.request.response
        if not (response.getHeader("Content-Type") or "").startswith("text/html"):
            return None
        if response.getHeader("Content-Encoding"):
            return None
        # A list of strings is a page; other iterables (files streamed) are left alone.
        if not isinstance(result, list) or not any(chunk.strip() for chunk in result):
            return None
        try:
            page = getHTMLSerializer(result, pretty_print=False, encoding=encoding)
        except (SyntaxError, TypeError):  # lxml's parse errors are SyntaxErrors
            return None
        page.serializer = html_serializer(encoding)
        return page
