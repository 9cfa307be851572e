"""WSGI middleware answering anonymous visitors from memory, before Zope's publisher.

It keeps only the pages Zope offered (see ``validity``): anonymous, status 200,
chosen by plone.app.caching's rules for its RAM cache. Each page is kept with the
change counters it was rendered at (catalog, site settings); a hit first reads them
from the database (two small objects, through a pooled connection, so a change
committed by any instance sharing the database is seen) and serves the page only if
they have not moved.
A saved change is therefore visible to the next anonymous request, as with
plone.app.caching's RAM cache, at a fraction of the cost of publishing.

Configured in zope.ini by scripts/instance.py (``wikimooc_page_cache_entries``)::

    [filter:page_cache]
    use = call:wikimooc.policy.pagecache.middleware:filter_factory
    entries = 1000
"""

from collections import OrderedDict
from dataclasses import dataclass
from wikimooc.policy.pagecache.validity import OFFER
from ZODB.POSException import POSKeyError

import threading
import transaction


HIT_HEADER = ("X-WikiMOOC-Cache", "hit")
LARGEST_PAGE = 2 * 1024 * 1024
# Whatever the number of entries, the pages kept by one instance never weigh more.
MEMORY_BUDGET = 128 * 1024 * 1024
# Request headers a page may depend on (its links follow the host a proxy forwards);
# a response varying on any other is not kept.
KEYED_HEADERS = ("host", "x-forwarded-host", "x-forwarded-proto", "accept", "accept-language",
                 "accept-encoding", "cookie")
CREDENTIAL_COOKIES = ("__ac", "auth_token")


@dataclass(frozen=True)
class Page:
    status: str
    headers: tuple
    body: bytes
    validity: tuple  # ((oid of a change counter, its value), ...)


def request_key(environ):
    """What identifies an anonymous GET for the cache, or None to pass it to Zope."""
    if environ.get("REQUEST_METHOD") != "GET" or carries_credentials(environ):
        return None
    if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
        return None  # Zope answers conditional requests (304) itself
    return (
        environ.get("wsgi.url_scheme"),
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
        *(environ.get(header_variable(name), "") for name in KEYED_HEADERS),
    )


def carries_credentials(environ):
    # The raw header, not a parsed one: a cookie string a parser rejects may still
    # log someone in with Zope's own parser.
    cookie = environ.get("HTTP_COOKIE", "")
    return "HTTP_AUTHORIZATION" in environ or any(name in cookie for name in CREDENTIAL_COOKIES)


def header_variable(name):
    return "HTTP_" + name.upper().replace("-", "_")


def keepable(status, headers):
    if not status.startswith("200 "):
        return False
    for name, value in headers:
        name = name.lower()
        if name == "set-cookie":
            return False
        # "private" stays allowed: it keeps shared proxies out, and this cache belongs
        # to the origin server, like plone.app.caching's RAM cache it stands in front of.
        if name == "cache-control" and "no-store" in value:
            return False
        if name == "vary" and not varies_on_keyed_headers_only(value):
            return False
    return True


def varies_on_keyed_headers_only(vary):
    names = {name.strip().lower() for name in vary.split(",") if name.strip()}
    return names <= set(KEYED_HEADERS)


class PageCache:
    def __init__(self, app, entries, database=None):
        self.app = app
        self.entries = entries
        self.pages = OrderedDict()
        self.kept_bytes = 0
        self.lock = threading.Lock()
        self._database = database

    @property
    def database(self):
        if self._database is None:
            import Zope2

            self._database = Zope2.DB
        return self._database

    def __call__(self, environ, start_response):
        key = request_key(environ)
        if key is None:
            return self.app(environ, start_response)
        page = self.valid_page(key)
        if page is not None:
            start_response(page.status, [*page.headers, HIT_HEADER])
            return [page.body]
        answer = {}

        def remember_start(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers
            return start_response(status, headers, exc_info)

        OFFER.validity = None
        body = self.app(environ, remember_start)
        validity = OFFER.validity
        if validity is None or not keepable(answer.get("status", ""), answer.get("headers", ())):
            return body
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        if len(content) <= LARGEST_PAGE:
            self.keep(key, Page(answer["status"], tuple(answer["headers"]), content, validity))
        return [content]

    def valid_page(self, key):
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
        if page is None:
            return None
        if not self.still_valid(page.validity):
            with self.lock:
                if self.pages.get(key) is page:
                    self.forget(key)
            return None
        return page

    def keep(self, key, page):
        with self.lock:
            self.forget(key)
            self.pages[key] = page
            self.kept_bytes += len(page.body)
            while len(self.pages) > self.entries or self.kept_bytes > MEMORY_BUDGET:
                self.forget(next(iter(self.pages)))

    def forget(self, key):
        """Drop ``key``'s page, if kept; the caller holds the lock."""
        page = self.pages.pop(key, None)
        if page is not None:
            self.kept_bytes -= len(page.body)

    def still_valid(self, validity):
        """Whether each counter still has its value, as committed now."""
        connection = self.database.open(transaction_manager=transaction.TransactionManager())
        try:
            return all(connection.get(oid)() == value for oid, value in validity)
        except (POSKeyError, KeyError):
            return False
        finally:
            connection.close()


def filter_factory(global_config, entries="1000"):
    entries = int(entries)

    def make_filter(app):
        return PageCache(app, entries) if entries > 0 else app

    return make_filter
