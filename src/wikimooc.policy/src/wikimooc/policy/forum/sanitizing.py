"""Posts are stored as HTML cleaned against an allow-list: no scripts, styles,
event handlers, forms or embedded content; links only to web addresses, marked as
user-generated (``rel="nofollow ugc"``)."""

from html import escape
from lxml.html import fragment_fromstring
from lxml.html import tostring
from lxml_html_clean import Cleaner
from urllib.parse import urlsplit

import re


ALLOWED_TAGS = frozenset({
    "a", "b", "blockquote", "br", "code", "em", "i", "li", "ol", "p", "pre", "s",
    "strong", "u", "ul",
})
LINK_SCHEMES = ("http", "https")
LINK_REL = "nofollow ugc"
BLOCKS = ("p", "li", "pre", "blockquote")
WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]+")
# Punctuation that ends a sentence rather than the address it follows.
TRAILING = ".,;:!?)]'"

CLEANER = Cleaner(
    scripts=True,
    javascript=True,
    comments=True,
    style=True,
    inline_style=True,
    links=True,
    meta=True,
    page_structure=True,
    processing_instructions=True,
    embedded=True,
    frames=True,
    forms=True,
    annoying_tags=True,
    remove_unknown_tags=False,
    allow_tags=ALLOWED_TAGS,
    safe_attrs_only=True,
    safe_attrs=frozenset({"href"}),
)


def clean_html(text):
    """``text`` (an HTML fragment) with only what ALLOWED_TAGS allows."""
    if not text or not text.strip():
        return ""
    root = fragment_fromstring(text, create_parent="div")
    CLEANER(root)
    for link in list(root.iter("a")):
        if urlsplit(link.get("href", "").strip()).scheme.lower() in LINK_SCHEMES:
            link.set("rel", LINK_REL)
        else:
            link.drop_tag()
    inner = escape(root.text or "", quote=False)
    return (inner + "".join(tostring(child, encoding="unicode") for child in root)).strip()


def linked(line):
    """One line of plain text as HTML, its web addresses made links."""
    parts, start = [], 0
    for found in WEB_ADDRESS.finditer(line):
        address = found.group().rstrip(TRAILING)
        end = found.start() + len(address)
        parts.append(escape(line[start : found.start()]))
        parts.append(f'<a href="{escape(address)}">{escape(address)}</a>')
        start = end
    parts.append(escape(line[start:]))
    return "".join(parts)


def plain_text_to_html(text):
    """What a learner typed in a form: paragraphs at blank lines, line breaks kept,
    web addresses as links; then cleaned like any post."""
    paragraphs = re.split(r"\n\s*\n", (text or "").strip().replace("\r\n", "\n"))
    html = "".join(
        "<p>" + "<br>".join(linked(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )
    return clean_html(html)


def html_to_text(html):
    """A post as plain text (mails, search): paragraphs on lines of their own."""
    if not html:
        return ""
    root = fragment_fromstring(html, create_parent="div")
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    return re.sub(r"\n{3,}", "\n\n", root.text_content()).strip()
