"""Normalise and validate wiki user names the way MediaWiki does."""

from wikimooc.policy import _

from collections.abc import Iterable
from dataclasses import dataclass

import ipaddress
import re


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

_SEPARATORS = re.compile(r"[ _]+")
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
    name = _SEPARATORS.sub(" ", raw.strip()).strip()
    if prefix := _PREFIX.match(name):
        name = name[prefix.end() :].strip()
    if not name:
        raise InvalidUsername(_("is empty"))
    # Before the character checks, so that an IPv6 address is not reported for its colons.
    if _is_ip_address(name):
        raise InvalidUsername(_("is an IP address, not an account"))
    for char in name:
        if char in FORBIDDEN_CHARACTERS:
            raise InvalidUsername(
                _("contains a forbidden character: ${character}", mapping={"character": char})
            )
        if ord(char) < 32 or ord(char) == 127:
            raise InvalidUsername(_("contains a control character"))
    name = name[0].upper() + name[1:]
    if len(name.encode("utf-8")) > MAX_BYTES:
        raise InvalidUsername(
            _("is longer than ${limit} bytes", mapping={"limit": str(MAX_BYTES)})
        )
    return name


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
