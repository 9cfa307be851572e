"""Tours on a wiki: the names of those it has (pages MediaWiki:Guidedtour-tour-<name>.js),
and publishing one with the platform's own wiki account."""

from dataclasses import dataclass
from wikimooc.policy import _
from wikimooc.policy.identity.registration import account_creator
from wikimooc.policy.identity.registration import CREATOR_USERNAME_VARIABLE
from wikimooc.policy.identity.registration import RegistrationFailed
from wikimooc.policy.tours.names import NAME
from wikimooc.policy.wikis import connect
from wikimooc.workflows.refusals import Refused

import logging
import mwclient.errors
import os
import requests
import threading
import time


logger = logging.getLogger(__name__)

MEDIAWIKI_NAMESPACE = 8
PAGE_PREFIX = "Guidedtour-tour-"
# Teachers pick tours in edit forms: a wiki is asked at most this often, and a
# wiki that did not answer is not asked again for a while.
LISTED_SECONDS = 300
UNREACHABLE_SECONDS = 60


def tour_page(name):
    return f"MediaWiki:{PAGE_PREFIX}{name}.js"


def tour_name_of(title):
    """``twa1`` for ``MediaWiki:Guidedtour-tour-twa1.js``; None for other pages
    (style sheets, documentation subpages, names GuidedTour would not load)."""
    page = title.partition(":")[2]
    if not (page.startswith(PAGE_PREFIX) and page.endswith(".js")):
        return None
    name = page[len(PAGE_PREFIX):-len(".js")]
    return name if NAME.match(name) else None


@dataclass(frozen=True)
class Listing:
    names: tuple
    until: float


_listings = {}
_lock = threading.Lock()


def tours_on_wiki(host):
    """The names of the tours ``host`` has, sorted; () when it cannot be asked."""
    with _lock:
        listing = _listings.get(host)
    if listing is not None and listing.until > time.monotonic():
        return listing.names
    try:
        names, keep = tuple(sorted(list_tours(host))), LISTED_SECONDS
    except (requests.exceptions.RequestException, mwclient.errors.MwClientError) as error:
        logger.warning("Could not list the guided tours of %s: %s", host, error)
        names, keep = (), UNREACHABLE_SECONDS
    with _lock:
        _listings[host] = Listing(names, time.monotonic() + keep)
    return names


def forget_tours(host):
    with _lock:
        _listings.pop(host, None)


def list_tours(host):
    site = connect(host, retries=0, timeout=5)
    query = {
        "list": "allpages", "apnamespace": MEDIAWIKI_NAMESPACE, "apprefix": PAGE_PREFIX,
        "aplimit": "max",
    }
    while True:
        answer = site.get("query", **query)
        for page in answer["query"]["allpages"]:
            if name := tour_name_of(page["title"]):
                yield name
        if "continue" not in answer:
            return
        query.update(answer["continue"])


class PublishRefused(Refused):
    """The tour could not be published; ``message`` says what to do instead."""

    error_type = "PublishRefused"


def unreachable(host):
    return _("${wiki} cannot be reached right now. Try again in a few minutes.",
             mapping={"wiki": host})


def publish_tour(host, name, script, summary):
    """Save ``script`` as tour ``name`` on ``host`` with the platform's wiki account
    (WIKIMOOC_WIKI_USERNAME and WIKIMOOC_WIKI_PASSWORD), which needs the right to edit
    the wiki's JavaScript (``editsitejs``: interface administrators). Returns the new
    revision id; raises PublishRefused."""
    try:
        site = account_creator(host)
    except RegistrationFailed as failure:
        if failure.reason == "unreachable":
            raise PublishRefused(503, unreachable(host)) from failure
        raise PublishRefused(
            503,
            _(
                "The platform has no wiki account that can log in to ${wiki}"
                " (WIKIMOOC_WIKI_USERNAME and WIKIMOOC_WIKI_PASSWORD). Give the code"
                " below to an interface administrator of the wiki.",
                mapping={"wiki": host},
            )
        ) from failure
    try:
        rights = site.get("query", meta="userinfo", uiprop="rights")["query"]["userinfo"]
        if "editsitejs" not in rights.get("rights", ()):
            raise PublishRefused(
                403,
                _(
                    "The platform's wiki account ${account} may not edit JavaScript pages"
                    " on ${wiki}: only interface administrators may. Give the code below"
                    " to an interface administrator of the wiki, or ask for the account"
                    " to be made one.",
                    mapping={"account": os.environ.get(CREATOR_USERNAME_VARIABLE), "wiki": host},
                )
            )
        token = site.get("query", meta="tokens")["query"]["tokens"]["csrftoken"]
        answer = site.post("edit", title=tour_page(name), text=script, summary=summary, token=token)
    except (requests.exceptions.RequestException, mwclient.errors.MaximumRetriesExceeded) as error:
        logger.warning("Could not publish tour %s on %s: %s", name, host, error)
        raise PublishRefused(503, unreachable(host)) from error
    except mwclient.errors.APIError as error:
        logger.warning("%s refused tour %s: %s %s", host, name, error.code, error.info)
        raise PublishRefused(
            502,
            _("${wiki} refused the edit: ${reason}", mapping={"wiki": host, "reason": error.info})
        ) from error
    forget_tours(host)
    return answer["edit"].get("newrevid") or answer["edit"].get("oldrevid")
