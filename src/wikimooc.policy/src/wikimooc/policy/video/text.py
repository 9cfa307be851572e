"""Text from video hosts is untrusted: titles, licences, authors and subtitles are
kept as plain text (markup dropped, scripts and styles with their content, entities
decoded, control characters removed, length bounded) and escaped wherever they are
shown or written out."""

from html import unescape

import re


SCRIPTS = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
TAGS = re.compile(r"<[^>]*>")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
SPACES = re.compile(r"[ \t\r\n]+")


def plain_text(value, limit=300):
    """``value`` (text or HTML) as one line of plain text of at most ``limit``
    characters; '' for anything that is not a string."""
    if not isinstance(value, str):
        return ""
    text = unescape(TAGS.sub(" ", SCRIPTS.sub(" ", value)))
    text = SPACES.sub(" ", CONTROL.sub("", TAGS.sub(" ", SCRIPTS.sub(" ", text)))).strip()
    return text[:limit]


def safe_url(value):
    """``value`` when it is an http(s) address, else ''."""
    if isinstance(value, str) and re.match(r"^https?://[^\s<>\"']+$", value):
        return value[:1000]
    return ""


def language_code(value):
    """A BCP 47-like language code (``fr``, ``pt-br``), lower case, or ''."""
    if isinstance(value, str) and re.match(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$", value):
        return value.lower()
    return ""
