"""In-process CPU cost of the page benchmark's lesson page next to the stock Document,
both seen by the same enrolled learner (bench/pages.py part 1 measures this pair over
HTTP), with the cost of each viewlet.

    .venv/bin/python bench/lesson_profile.py [--requests 300] [--warm-up 30] [--profile 30]

It prints tables; it never passes or fails on a speed. It exits with status 1 when a
page answers wrongly (an error status, a page without its marker).

What it runs on: bench/populate.py's ``pages`` recipe on a Plone site made by
wikimooc.policy.site.ensure_site, on a temporary FileStorage opened in this process
(load.py's write_zope_instance), with Zope configured as runwsgi does and
plone.app.caching switched off, as in bench/pages.py part 1. Each request is a WSGI
call into the Zope application: the whole publisher (HTTP basic authentication,
traversal, the page, transaction end), without a server, a socket or the page cache
middleware (which serves anonymous visitors only). Its cost is this thread's CPU time
from the call until the body is read.

Both pages get the same warm-up requests, then the measured requests alternate between
them (lesson then Document, Document then lesson, ...). A second pass, with the same
alternation, times every viewlet's update() and render() (a BeforeUpdateEvent
subscriber wraps both just before its manager updates it); the timers' own cost stays
out of the first pass's figures. ``--profile N`` then runs cProfile over the lesson
page and prints the N functions (of files matching ``--profile-match``, page templates
named by their source) with the most cumulative time.
"""

from enrollment import start_zope
from load import add_run_options
from load import CACHING_RECORD
from load import DataError
from load import enter_zope
from load import fill_defaults
from load import leave_zope
from load import percentile
from load import print_run_time
from load import start_run
from load import step
from load import table
from load import write_zope_instance
from pathlib import Path
from populate import DOCUMENT
from populate import LEARNER
from populate import LESSON
from populate import PASSWORD
from typing import NamedTuple
from zope.viewlet.interfaces import IViewlet

import argparse
import base64
import collections
import cProfile
import functools
import io
import populate
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import time
import warnings


LESSON_MARKERS = (b"wikimooc-exercise-progress", b"wikimooc-practice__go")
DOCUMENT_MARKERS = (LEARNER.encode(),)
SMALLEST_VIEWLET_SHOWN = 0.02  # ms per request; the others are added up in one row


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int,
                        help="measured requests per page and pass (300)")
    parser.add_argument("--warm-up", type=int, help="warm-up requests per page (30)")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="print the N functions of the lesson page with the most"
                             " cumulative time under cProfile (0: no profile)")
    parser.add_argument("--profile-match", default="wikimooc",
                        help="only functions from files matching this (wikimooc)")
    add_run_options(parser, "50 requests per page after 10", "keep the temporary directory")
    return fill_defaults(
        parser, parser.parse_args(argv), quick={"requests": 50, "warm_up": 10},
        full={"requests": 300, "warm_up": 30}, at_least_one=("requests", "warm_up"),
    )


class PageUnderTest(NamedTuple):
    label: str
    path: str
    markers: tuple  # what its body must hold


def build_site(directory):
    """The WSGI application of a Zope whose site holds the benchmark's pages."""
    wsgi_app = start_zope(write_zope_instance(directory, cache_size=30000, pool_size=2))
    # Both pages print the same DeprecationWarnings (a deprecated name in an action's
    # URL expression), on every request: they would bury the tables.
    warnings.filterwarnings("ignore", category=DeprecationWarning)

    from plone import api
    from wikimooc.policy.site import ensure_site

    import transaction
    import Zope2

    app = enter_zope(Zope2.app())
    try:
        site, _created = ensure_site(app, with_demo_content=False)
        populate.pages(site)
        api.portal.set_registry_record(CACHING_RECORD, False)
        transaction.commit()
        return wsgi_app, "/" + site.getId()
    finally:
        app._p_jar.close()
        leave_zope()


class Client:
    """GET requests as WSGI calls, as the learner (HTTP basic, as bench/pages.py)."""

    def __init__(self, wsgi_app, site_path):
        self.wsgi_app = wsgi_app
        self.site_path = site_path
        credentials = base64.b64encode(f"{LEARNER}:{PASSWORD}".encode()).decode()
        self.authorization = f"Basic {credentials}"

    def environ(self, path):
        return {
            "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": self.site_path + path,
            "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8080",
            "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "127.0.0.1:8080", "HTTP_ACCEPT": "*/*",
            "HTTP_AUTHORIZATION": self.authorization, "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
            "wsgi.multithread": False, "wsgi.multiprocess": False, "wsgi.run_once": False,
        }

    def get(self, page):
        """This thread's CPU seconds for one request of ``page``."""
        statuses = []

        def start_response(status, headers, exc_info=None):
            statuses.append(status)
            return lambda data: None

        environ = self.environ(page.path)
        started = time.thread_time()
        answer = self.wsgi_app(environ, start_response)
        try:
            body = b"".join(answer)
        finally:
            if hasattr(answer, "close"):
                answer.close()
        seconds = time.thread_time() - started
        if not statuses[0].startswith("200"):
            raise DataError(f"{page.label}: {statuses[0]} from {page.path}")
        if missing := [marker for marker in page.markers if marker not in body]:
            raise DataError(f"{page.label}: {page.path} lacks {missing}")
        return seconds


def alternate(client, pages, count, before_request=lambda page: None):
    """``count`` requests of each page, the order of the pair changing every round:
    the CPU seconds of each request, by page label."""
    seconds = {page.label: [] for page in pages}
    for round_number in range(count):
        for page in pages if round_number % 2 == 0 else reversed(pages):
            before_request(page)
            seconds[page.label].append(client.get(page))
    return seconds


class ViewletTimer:
    """CPU seconds of each viewlet's update() and render(), by manager and viewlet,
    for the page being asked (``page``)."""

    def __init__(self):
        self.page = None
        self.seconds = collections.defaultdict(collections.Counter)

    def asking(self, page):
        self.page = page.label

    def before_update(self, event):
        viewlet = event.object
        if not IViewlet.providedBy(viewlet):
            return  # a viewlet manager, whose update() updates its viewlets
        name = f"{viewlet.manager.__name__} / {viewlet.__name__}"
        for method in ("update", "render"):
            setattr(viewlet, method, self.timed(name, getattr(viewlet, method)))

    def timed(self, name, method):
        seconds = self.seconds[self.page]

        def call(*args, **kwargs):
            started = time.thread_time()
            try:
                return method(*args, **kwargs)
            finally:
                seconds[name] += time.thread_time() - started

        return call


def timed_viewlets(client, pages, count):
    """The CPU seconds of each request, and of each viewlet, by page label."""
    from zope.component import getGlobalSiteManager
    from zope.contentprovider.interfaces import IBeforeUpdateEvent

    timer = ViewletTimer()
    registry = getGlobalSiteManager()
    registry.registerHandler(timer.before_update, (IBeforeUpdateEvent,))
    try:
        return alternate(client, pages, count, timer.asking), timer.seconds
    finally:
        registry.unregisterHandler(timer.before_update, (IBeforeUpdateEvent,))


def milliseconds(seconds):
    return f"{seconds * 1000:.2f}"


def page_rows(seconds, lesson, document):
    rows = []
    for label, values in seconds.items():
        rows.append([label, *(milliseconds(figure) for figure in (
            statistics.mean(values), statistics.median(values), min(values),
            percentile(values, 0.9),
        ))])
    mean_ratio = statistics.mean(seconds[lesson]) / statistics.mean(seconds[document])
    median_ratio = statistics.median(seconds[lesson]) / statistics.median(seconds[document])
    rows.append(["lesson / Document", f"{mean_ratio:.3f}x", f"{median_ratio:.3f}x"])
    return rows


def viewlet_rows(by_page, page_seconds, lesson, document, count):
    """A row per viewlet costing at least SMALLEST_VIEWLET_SHOWN on either page, most
    extra cost first, then the small ones, all viewlets, and the rest of the page."""
    names = set(by_page[lesson]) | set(by_page[document])

    def per_request(label, name):
        return by_page[label][name] / count

    def row(label, lesson_seconds, document_seconds):
        return [label, *(milliseconds(figure) for figure in (
            lesson_seconds, document_seconds, lesson_seconds - document_seconds,
        ))]

    shown = sorted(
        (name for name in names
         if max(per_request(lesson, name), per_request(document, name)) * 1000
         >= SMALLEST_VIEWLET_SHOWN),
        key=lambda name: per_request(document, name) - per_request(lesson, name),
    )
    small = names - set(shown)
    totals = {label: sum(by_page[label].values()) / count for label in (lesson, document)}
    pages = {label: statistics.mean(page_seconds[label]) for label in (lesson, document)}
    return [
        *(row(name, per_request(lesson, name), per_request(document, name)) for name in shown),
        row(f"{len(small)} viewlets under {SMALLEST_VIEWLET_SHOWN} ms",
            sum(per_request(lesson, name) for name in small),
            sum(per_request(document, name) for name in small)),
        row("all viewlets", totals[lesson], totals[document]),
        row("rest of the page (publisher, views, main template)",
            pages[lesson] - totals[lesson], pages[document] - totals[document]),
        row("page (this pass, with the timers)", pages[lesson], pages[document]),
    ]


def print_profile(client, page, count, limit, match, template_cache):
    profile = cProfile.Profile()
    profile.runcall(lambda: [client.get(page) for _ in range(count)])
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.stats = {
        (template_source(path, template_cache), line, name): figures
        for (path, line, name), figures in stats.stats.items()
    }
    stats.sort_stats("cumulative").print_stats(match, limit)
    print(f"\ncProfile of {count} requests of the {page.label}, functions matching"
          f" {match!r} (cumulative seconds include the profiler's own cost):")
    print(out.getvalue().split("\n", 5)[-1].strip("\n"))


@functools.cache
def template_source(path, template_cache):
    """The page template a module of Chameleon's cache was compiled from, else ``path``."""
    if not path.startswith(template_cache):
        return path
    found = re.search(r"^__filename = '([^']+)'", Path(path).read_text(), re.M)
    return found.group(1) if found else path


def run(args, directory):
    step("configuring Zope and building the benchmark's site")
    client = Client(*build_site(directory))
    lesson = PageUnderTest("lesson page, learner", LESSON, LESSON_MARKERS)
    document = PageUnderTest("stock Document, learner", DOCUMENT, DOCUMENT_MARKERS)
    pages = [lesson, document]
    alternate(client, pages, args.warm_up)
    step(f"{args.warm_up} warm-up requests per page done")

    seconds = alternate(client, pages, args.requests)
    print(f"\nCPU ms per request ({args.requests} requests per page, alternating):")
    print(table(["page", "mean", "median", "min", "p90"],
                page_rows(seconds, lesson.label, document.label)))

    timed_seconds, by_viewlet = timed_viewlets(client, pages, args.requests)
    print(f"\nCPU ms per request by viewlet (update + render), a second pass of"
          f" {args.requests} requests per page with the viewlets timed:")
    print(table(["viewlet (manager / name)", "lesson", "Document", "extra"], viewlet_rows(
        by_viewlet, timed_seconds, lesson.label, document.label, args.requests)))

    if args.profile:
        print_profile(client, lesson, args.requests, args.profile, args.profile_match,
                      str(directory / "var"))


def main(argv=None):
    args = parse_args(argv)
    run_started = start_run("WikiMOOC lesson page profile, in-process",
                            "FileStorage, opened in this process", args.timeout)
    directory = Path(tempfile.mkdtemp(prefix="lesson-profile-"))
    try:
        run(args, directory)
    except DataError as error:
        print(f"FAILED: {error}")
        return 1
    finally:
        import Zope2

        if getattr(Zope2, "DB", None) is not None:
            Zope2.DB.close()
        if args.keep:
            print(f"\nKept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)
    print_run_time(run_started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
