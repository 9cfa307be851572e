"""MediaWiki titles: namespaces by any of their names, and normalisation, so that an
exercise's ``User:{username}/Brouillon`` matches ``Utilisateur:Camille/Brouillon`` on
a French wiki. A wiki's siteinfo is read once per process and kept."""

from dataclasses import dataclass

import threading


@dataclass(frozen=True)
class SiteInfo:
    """Namespace numbers by lower-cased name (canonical, local and aliases), and
    whether the wiki capitalises the first letter of titles."""

    namespaces: dict
    first_letter_case: bool


_cache = {}
_lock = threading.Lock()


def site_info(host, query):
    """``host``'s SiteInfo; ``query(**params)`` asks its Action API the first time."""
    with _lock:
        if host in _cache:
            return _cache[host]
    answer = query(meta="siteinfo", siprop="general|namespaces|namespacealiases")["query"]
    info = parse_site_info(answer)
    with _lock:
        _cache[host] = info
    return info


def parse_site_info(query):
    names = {}
    for namespace in query["namespaces"].values():
        for name in (namespace.get("name"), namespace.get("canonical")):
            if name:
                names[name.lower()] = namespace["id"]
    for alias in query.get("namespacealiases", []):
        names[alias.get("alias", alias.get("*", "")).lower()] = alias["id"]
    return SiteInfo(names, query["general"].get("case") == "first-letter")


def normalise(text, info):
    text = " ".join(text.replace("_", " ").split())
    if info.first_letter_case and text:
        text = text[0].upper() + text[1:]
    return text


def split_title(title, info):
    """(namespace number, title without its namespace), both normalised."""
    prefix, colon, rest = title.partition(":")
    if colon:
        namespace = info.namespaces.get(normalise(prefix, info).lower())
        if namespace is not None:
            return namespace, normalise(rest, info)
    return 0, normalise(title, info)
