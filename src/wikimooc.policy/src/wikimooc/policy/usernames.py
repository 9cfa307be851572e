"""Normalise and validate wiki user names the way MediaWiki does.

MediaWiki (UserNameUtils::getCanonical, which parses the name as a title) refuses a
"#"; normalises the text to NFC; decodes named character references (``&amp;``,
``&rlm;``); strips bidi marks, embeddings and overrides (U+200E, U+200F,
U+202A-U+202E), which slip into copied names and make them display as another;
turns every run of spaces, underscores and other spaces (no-break, ideographic…)
into one space; drops the "User:" prefix and what follows a decoded "#"; refuses
what title parsing refuses (characters outside the legal title characters,
percent-encoded bytes, character references left, "~~~", "." and "..", U+FFFD) and
what UserNameUtils::isValid refuses besides: IP addresses, "/", more than 255 bytes,
C1 control characters, zero-width spaces and joiners (U+200B-U+200D) and private-use
characters (U+E000-U+F8FF). Other invisible characters (U+2066-U+2069, U+FEFF…)
are part of a name on the wiki as here.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from html.entities import html5
from wikimooc.policy import _

import ipaddress
import re
import unicodedata


USER_NAMESPACE_PREFIXES = (
    "User",
    "Utilisateur",
    "Utilisatrice",
    "Benutzer",
    "Benutzerin",
    "Usuario",
    "Usuaria",
    "Gebruiker",
)
# Characters MediaWiki forbids in titles, plus $wgInvalidUsernameCharacters ("@:>=")
# and "/", which UserNameUtils::isValid rejects because it would make a subpage.
FORBIDDEN_CHARACTERS = frozenset("#<>[]|{}@:=/")
MAX_BYTES = 255

# Named character references MediaWiki decodes: HTML5's, with a semicolon, and two
# right-to-left spellings of &rlm; of its own.
_NAMED_REFERENCES = {name: text for name, text in html5.items() if name.endswith(";")}
_NAMED_REFERENCES.update({"\u05e8\u05dc\u05de;": "\u200f", "\u0631\u0644\u0645;": "\u200f"})
_CHARACTER_REFERENCE = re.compile(r"&([A-Za-z0-9\u0080-\U0010ffff]+;)")
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e]+")
_SEPARATORS = re.compile("[ _\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_PERCENT_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")
# Invisible or private-use characters UserNameUtils::isValid refuses (the other
# characters of its list are spaces or bidi controls, normalised before).
_TROUBLEMAKERS = re.compile("[\u0080-\u009f\u200b-\u200d\ue000-\uf8ff]")
# What MediaWiki's UTF-8 clean-up turns into U+FFFD, which titles may not contain.
_NOT_TEXT = re.compile("[\ud800-\udfff\ufffd\ufffe\uffff]")
# MediaWiki allows spaces (or underscores) either side of the namespace colon.
_PREFIX = re.compile(
    r"(?:{}) ?: ?".format("|".join(USER_NAMESPACE_PREFIXES)), re.IGNORECASE
)
# MediaWiki also treats IPv4 look-alikes such as 300.1.1.1 or 1.2.3.xxx as addresses.
_IPV4_LIKE = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.(?:xxx|\d{1,3})")
_PASTE_SEPARATORS = re.compile(r"[\r\n,;]")


class InvalidUsername(ValueError):
    """``reason`` is a translatable message, e.g. "contains a forbidden character: #"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class UsernameResult:
    given: str
    name: str | None
    reason: str | None


def normalise_username(raw: str) -> str:
    """Return the canonical MediaWiki user name for ``raw``, or raise InvalidUsername."""
    if "#" in raw:
        raise InvalidUsername(_forbidden("#"))
    name = unicodedata.normalize("NFC", raw)
    name = unicodedata.normalize("NFC", _CHARACTER_REFERENCE.sub(_decode_reference, name))
    name = _BIDI_CONTROLS.sub("", name)
    name = _SEPARATORS.sub(" ", name.strip("\t\n\r\f\v ")).strip(" ")
    if prefix := _PREFIX.match(name):
        name = name[prefix.end() :].strip()
    # A "#" decoded from &num; starts the fragment of the title, which is dropped.
    name = name.partition("#")[0].rstrip(" ")
    if not name:
        raise InvalidUsername(_("is empty"))
    # Before the character checks, so that an IPv6 address is not reported for its colons.
    if _is_ip_address(name):
        raise InvalidUsername(_("is an IP address, not an account"))
    for char in name:
        if char in FORBIDDEN_CHARACTERS:
            raise InvalidUsername(_forbidden(char))
        if ord(char) < 32 or ord(char) == 127:
            raise InvalidUsername(_("contains a control character"))
        if _TROUBLEMAKERS.match(char):
            raise InvalidUsername(
                _("contains an invisible or private-use character: ${code}",
                  mapping={"code": f"U+{ord(char):04X}"})
            )
        if _NOT_TEXT.match(char):
            raise InvalidUsername(
                _("contains a character that is not valid text: ${code}",
                  mapping={"code": f"U+{ord(char):04X}"})
            )
    if found := _PERCENT_ENCODED.search(name):
        raise InvalidUsername(
            _("contains a percent-encoded character: ${sequence}",
              mapping={"sequence": found.group()})
        )
    if found := _CHARACTER_REFERENCE.search(name):
        raise InvalidUsername(
            _("contains an HTML character reference: ${sequence}",
              mapping={"sequence": found.group()})
        )
    if "~~~" in name:
        raise InvalidUsername(_("contains ~~~, which the wiki turns into a signature"))
    if name in (".", ".."):
        raise InvalidUsername(_("cannot be . or .."))
    name = name[0].upper() + name[1:]
    if len(name.encode("utf-8")) > MAX_BYTES:
        raise InvalidUsername(
            _("is longer than ${limit} bytes", mapping={"limit": str(MAX_BYTES)})
        )
    return name


def _forbidden(char):
    return _("contains a forbidden character: ${character}", mapping={"character": char})


def _decode_reference(found):
    return _NAMED_REFERENCES.get(found.group(1), found.group())


def normalise_usernames(raws: Iterable[str]) -> list[UsernameResult]:
    results = []
    for raw in raws:
        try:
            results.append(UsernameResult(raw, normalise_username(raw), None))
        except InvalidUsername as error:
            results.append(UsernameResult(raw, None, error.reason))
    return results


def split_pasted_names(text: str) -> list[str]:
    """Split on newlines, commas and semicolons; not on spaces, which names may contain."""
    return [part.strip() for part in _PASTE_SEPARATORS.split(text) if part.strip()]


def _is_ip_address(name: str) -> bool:
    if _IPV4_LIKE.fullmatch(name):
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
