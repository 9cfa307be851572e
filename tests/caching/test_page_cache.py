"""The WSGI page cache in front of Zope (wikimooc.policy.pagecache), on a real ZODB
database: what it keeps, what it never keeps, and that a committed change to either
change counter (catalog, site settings) makes the next request go to Zope. The application
behind it stands in for Zope and offers its pages the way wikimooc.policy.pagecache.validity
does; tests/site and tests/scaleout drive the real platform through it."""

from BTrees.Length import Length
from wikimooc.policy.pagecache.middleware import filter_factory
from wikimooc.policy.pagecache.middleware import LARGEST_PAGE
from wikimooc.policy.pagecache.middleware import PageCache
from wikimooc.policy.pagecache.validity import OFFER

import pytest
import transaction
import ZODB


HTML = [("Content-Type", "text/html;charset=utf-8")]


class Zope:
    """Answers like Zope and counts the requests that reached it."""

    def __init__(self, counters, status="200 OK", headers=HTML, body=b"<h1>Course</h1>",
                 offered=True):
        self.counters = counters
        self.status, self.headers, self.body, self.offered = status, headers, body, offered
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        if self.offered:
            OFFER.validity = tuple((counter._p_oid, counter()) for counter in self.counters)
        start_response(self.status, list(self.headers))
        return [self.body + b" #%d" % self.calls]


@pytest.fixture
def database():
    database = ZODB.DB(None)
    connection = database.open()
    connection.root()["catalog"] = Length()
    connection.root()["settings"] = Length()
    transaction.commit()
    yield database, connection
    connection.close()
    database.close()


def count_change(connection, counter):
    connection.root()[counter].change(1)
    transaction.commit()


def counters(connection):
    return [connection.root()["catalog"], connection.root()["settings"]]


def environ(path="/wikimooc/en/course", method="GET", **headers):
    return {
        "REQUEST_METHOD": method,
        "wsgi.url_scheme": "http",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        **{"HTTP_" + name.upper(): value for name, value in headers.items()},
    }


def get(cache, request):
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    answer["body"] = b"".join(cache(request, start_response))
    return answer


def cache_in_front(database, **zope):
    database, connection = database
    zope = Zope(counters(connection), **zope)
    return PageCache(zope, entries=100, database=database), zope


def test_the_second_anonymous_request_is_answered_without_zope(database):
    cache, zope = cache_in_front(database)
    first = get(cache, environ())
    second = get(cache, environ())
    assert zope.calls == 1
    assert second["body"] == first["body"]
    assert second["headers"]["X-WikiMOOC-Cache"] == "hit"
    assert "X-WikiMOOC-Cache" not in first["headers"]


@pytest.mark.parametrize("counter", ["catalog", "settings"])
def test_a_committed_change_sends_the_next_request_to_zope(database, counter):
    cache, zope = cache_in_front(database)
    get(cache, environ())
    count_change(database[1], counter)
    changed = get(cache, environ())
    assert zope.calls == 2 and changed["body"].endswith(b"#2")
    assert "X-WikiMOOC-Cache" not in changed["headers"]
    assert get(cache, environ())["body"].endswith(b"#2")
    assert zope.calls == 2


@pytest.mark.parametrize("request_", [
    environ(method="POST"),
    environ(method="HEAD"),
    environ(authorization="Basic YWRtaW46YWRtaW4="),
    environ(cookie="__ac=abc123"),
    environ(cookie="I18N_LANGUAGE=en; auth_token=eyJ0eXAi"),
    environ(cookie="broken=\"unterminated; __ac"),
    environ(if_none_match='"etag"'),
    environ(if_modified_since="Tue, 24 Nov 2026 05:00:00 GMT"),
], ids=["POST", "HEAD", "basic auth", "session cookie", "JWT cookie", "unreadable cookie",
        "If-None-Match", "If-Modified-Since"])
def test_requests_that_may_not_share_a_page_always_reach_zope(database, request_):
    cache, zope = cache_in_front(database)
    for _ in range(2):
        answer = get(cache, dict(request_))
        assert "X-WikiMOOC-Cache" not in answer["headers"]
    assert zope.calls == 2


@pytest.mark.parametrize("zope", [
    {"offered": False},
    {"status": "404 Not Found"},
    {"status": "302 Found"},
    {"headers": [*HTML, ("Set-Cookie", "statusmessages=abc; Path=/")]},
    {"headers": [*HTML, ("Cache-Control", "no-store")]},
    {"headers": [*HTML, ("Vary", "Accept-Encoding, User-Agent")]},
    {"headers": [*HTML, ("Vary", "*")]},
    {"body": b"x" * (LARGEST_PAGE + 1)},
], ids=["not offered by Zope", "404", "redirect", "Set-Cookie", "no-store",
        "Vary: User-Agent", "Vary: *", "too large"])
def test_answers_that_may_not_be_shared_are_never_kept(database, zope):
    cache, app = cache_in_front(database, **zope)
    for number in (1, 2):
        assert get(cache, environ())["body"].endswith(b"#%d" % number)
    assert app.calls == 2


@pytest.mark.parametrize("headers", [
    [("Cache-Control", "max-age=0, must-revalidate, private")],
    [("Vary", "Accept-Encoding, Accept-Language")],
], ids=["private (kept from proxies only)", "Vary on keyed headers"])
def test_answers_plone_app_caching_marks_for_browsers_only_are_kept(database, headers):
    cache, zope = cache_in_front(database, headers=HTML + headers)
    get(cache, environ())
    assert get(cache, environ())["headers"]["X-WikiMOOC-Cache"] == "hit"
    assert zope.calls == 1


@pytest.mark.parametrize("first, second", [
    (environ(), environ(path="/wikimooc/fr/course")),
    (environ(), {**environ(), "QUERY_STRING": "b_start=25"}),
    (environ(accept_language="en"), environ(accept_language="fr")),
    (environ(cookie="I18N_LANGUAGE=en"), environ(cookie="I18N_LANGUAGE=fr")),
    (environ(accept="text/html"), environ(accept="application/json")),
    (environ(host="a.example.org"), environ(host="b.example.org")),
    (environ(x_forwarded_host="a.example.org"), environ(x_forwarded_host="b.example.org")),
    (environ(), {**environ(), "wsgi.url_scheme": "https"}),
], ids=["path", "query", "Accept-Language", "language cookie", "Accept", "Host",
     "X-Forwarded-Host", "scheme"])
def test_requests_differing_in_what_a_page_depends_on_get_their_own_page(
    database, first, second
):
    cache, zope = cache_in_front(database)
    get(cache, first)
    assert "X-WikiMOOC-Cache" not in get(cache, second)["headers"]
    assert zope.calls == 2
    assert get(cache, first)["headers"]["X-WikiMOOC-Cache"] == "hit"


def test_the_least_recently_used_page_goes_first(database):
    database, connection = database
    zope = Zope(counters(connection))
    cache = PageCache(zope, entries=2, database=database)
    for path in ("/a", "/b", "/a", "/c"):
        get(cache, environ(path=path))
    assert zope.calls == 3
    assert "X-WikiMOOC-Cache" in get(cache, environ(path="/a"))["headers"]
    assert "X-WikiMOOC-Cache" not in get(cache, environ(path="/b"))["headers"]


def test_the_pages_kept_never_weigh_more_than_the_memory_budget(database, monkeypatch):
    monkeypatch.setattr("wikimooc.policy.pagecache.middleware.MEMORY_BUDGET", 2500)
    cache, zope = cache_in_front(database, body=b"x" * 1000)
    for path in ("/a", "/b", "/c", "/b"):
        get(cache, environ(path=path))
    assert zope.calls == 3
    assert cache.kept_bytes == sum(len(page.body) for page in cache.pages.values()) <= 2500
    assert "X-WikiMOOC-Cache" not in get(cache, environ(path="/a"))["headers"]
    assert zope.calls == 4


@pytest.mark.parametrize("entries, wraps", [("1000", True), ("0", False)])
def test_zope_ini_turns_the_cache_on_or_off(entries, wraps):
    def app(environ, start_response):
        return []

    made = filter_factory({}, entries=entries)(app)
    assert isinstance(made, PageCache) is wraps
    assert not wraps or made.entries == int(entries)
