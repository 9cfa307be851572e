"""What the direction transform (wikimooc.theme.layout.direction, which writes
``<html dir>`` and ``<body dir>``) costs a page: the same pages published with it and
without it, in one process.

    .venv/bin/python bench/direction.py [--requests 200] [--warm-up 20]

It prints tables; it never passes or fails on a speed. It exits with status 1 when a
page answers wrongly (an error status, a page without its marker or its ``dir``).

What it runs on: bench/populate.py's ``pages`` recipe on a Plone site made by
wikimooc.policy.site.ensure_site, in this process on a temporary FileStorage, each
request a WSGI call into Zope (bench/lesson_profile.py's client: the whole publisher,
no server, plone.app.caching off), its cost this thread's CPU time.

Part 1 publishes the anonymous course page and the enrolled learner's lesson page with
the transform and without it (its ``transformIterable`` answering None, as for a page it
leaves alone), the two alternating request by request, twice: with the Diazo theme on
(the transform sets two attributes on the tree Diazo parsed) and with it off (the
transform edits the page's text). Part 2 times the transform alone on each page as
Zope hands it over without Diazo, next to the full lxml parse and serialization it made
before (the baseline: what the transform costs when it parses the page).
"""

from lesson_profile import alternate
from lesson_profile import build_site
from lesson_profile import Client
from lesson_profile import PageUnderTest
from load import add_run_options
from load import DataError
from load import fill_defaults
from load import print_run_time
from load import run_in_scratch_directory
from load import start_run
from load import step
from load import table
from populate import COURSE
from populate import COURSE_TITLE
from populate import LESSON

import argparse
import functools
import statistics
import sys
import time


THEMING_RECORD = "plone.app.theming.interfaces.IThemeSettings.enabled"
DIRECTION_MARKER = b'dir="ltr"'


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int,
                        help="measured requests per page, with and without (200)")
    parser.add_argument("--warm-up", type=int, help="warm-up requests per page (20)")
    add_run_options(parser, "40 requests per page after 10", "keep the temporary directory")
    return fill_defaults(
        parser, parser.parse_args(argv), quick={"requests": 40, "warm_up": 10},
        full={"requests": 200, "warm_up": 20}, at_least_one=("requests", "warm_up"),
    )


class AnonymousClient(Client):
    def environ(self, path):
        environ = super().environ(path)
        del environ["HTTP_AUTHORIZATION"]
        return environ


class Switch:
    """Turns the transform off for the requests of the pages labelled "without"."""

    def __init__(self):
        from wikimooc.theme.layout.direction import TextDirection

        self.transform = TextDirection
        self.working = TextDirection.transformIterable

    def before_request(self, page):
        self.transform.transformIterable = (
            self.working if page.label.endswith("with") else lambda *args: None
        )


def pages_of(client, label, path, markers):
    """The page with the transform and without it, for ``alternate``."""
    return [
        PageUnderTest(f"{label}, with", path, (*markers, DIRECTION_MARKER)),
        PageUnderTest(f"{label}, without", path, markers),
    ]


def milliseconds(seconds):
    return f"{seconds * 1000:.3f}"


def pair_rows(seconds, theme):
    with_, without = (seconds[label] for label in seconds)
    extra_mean = statistics.mean(with_) - statistics.mean(without)
    extra_median = statistics.median(with_) - statistics.median(without)
    rows = [[theme, label, milliseconds(statistics.mean(values)),
             milliseconds(statistics.median(values))] for label, values in seconds.items()]
    rows.append([theme, "extra (with - without)", milliseconds(extra_mean),
                 milliseconds(extra_median)])
    return rows


def set_theming(site_path, enabled):
    from load import enter_zope
    from load import leave_zope
    from plone import api
    from zope.component.hooks import setSite

    import transaction
    import Zope2

    app = enter_zope(Zope2.app())
    try:
        setSite(app.unrestrictedTraverse(site_path.strip("/")))
        api.portal.set_registry_record(THEMING_RECORD, enabled)
        transaction.commit()
    finally:
        app._p_jar.close()
        leave_zope()


def bodies(wsgi_app, site_path, clients_and_pages):
    """Each page's body as Zope hands it to the transform chain without Diazo: captured
    by a transform that runs just before ours."""
    from plone.transformchain.interfaces import ITransform
    from wikimooc.theme.interfaces import IWikimoocThemeLayer
    from zope.component import getGlobalSiteManager
    from zope.interface import implementer
    from zope.interface import Interface

    captured = []

    @implementer(ITransform)
    class Capture:
        order = 8899

        def __init__(self, published, request):
            self.request = request

        def transformIterable(self, result, encoding):
            if self.request.response.getHeader("Content-Type", "").startswith("text/html"):
                captured.append((list(result), encoding, self.request.response))

        transformBytes = transformUnicode = transformIterable

    registry = getGlobalSiteManager()
    registry.registerAdapter(Capture, (Interface, IWikimoocThemeLayer), ITransform, "capture")
    try:
        found = {}
        for client, page in clients_and_pages:
            captured.clear()
            client.get(page)
            found[page.label] = captured[-1]
        return found
    finally:
        registry.unregisterAdapter(Capture, (Interface, IWikimoocThemeLayer), ITransform,
                                   "capture")


def full_parse(result, encoding):
    """The transform's earlier way, and plone.protect's: parse, set, serialize (in the
    page's encoding)."""
    from lxml import html
    from repoze.xmliter.utils import getHTMLSerializer

    page = getHTMLSerializer(result, pretty_print=False, encoding=encoding)
    page.serializer = functools.partial(html.tostring, encoding=encoding)
    root = page.tree.getroot()
    root.set("dir", "ltr")
    root.find("body").set("dir", "ltr")
    return b"".join(page)


class Request:
    def __init__(self, response):
        self.response = response


def body_of(answer):
    return b"".join(answer) if isinstance(answer, list) else bytes(answer)


def median_seconds(call, count):
    seconds = []
    for _ in range(count):
        started = time.thread_time()
        call()
        seconds.append(time.thread_time() - started)
    return statistics.median(seconds)


def transform_alone(captured, count):
    from wikimooc.theme.layout.direction import TextDirection

    rows = []
    for label, (result, encoding, response) in captured.items():
        transform = TextDirection(None, Request(response))
        ways = {
            "the transform": functools.partial(transform.transformIterable, result, encoding),
            "baseline: full lxml parse": functools.partial(full_parse, result, encoding),
        }
        if any(DIRECTION_MARKER not in body_of(way()) for way in ways.values()):
            raise DataError(f"{label}: no dir written")
        figures = {name: median_seconds(way, count) for name, way in ways.items()}
        size = sum(len(chunk) for chunk in result)
        rows.extend([label, f"{size:,}", name, milliseconds(figure)]
                    for name, figure in figures.items())
        ratio = figures["baseline: full lxml parse"] / figures["the transform"]
        rows.append([label, "", "baseline / transform", f"{ratio:.1f}x"])
    return rows


def run(args, directory, started):
    import Zope2

    step("configuring Zope and building the benchmark's site")
    wsgi_app, site_path = build_site(directory)
    started.append(Zope2.DB)
    learner, anonymous = Client(wsgi_app, site_path), AnonymousClient(wsgi_app, site_path)
    course = pages_of(anonymous, "course page, anonymous", COURSE, (COURSE_TITLE.encode(),))
    lesson = pages_of(learner, "lesson page, learner", LESSON,
                      (b"wikimooc-exercise-progress",))
    switch = Switch()
    rows = []
    try:
        for theme, enabled in (("Diazo on", True), ("Diazo off", False)):
            set_theming(site_path, enabled)
            for client, pair in ((anonymous, course), (learner, lesson)):
                alternate(client, pair, args.warm_up, switch.before_request)
                rows.extend(pair_rows(
                    alternate(client, pair, args.requests, switch.before_request), theme))
            step(f"{theme}: {args.requests} requests per page, with and without, done")
    finally:
        switch.before_request(course[0])
    print(f"\nPart 1: CPU ms per request ({args.requests} requests per page with the"
          " transform and as many without, alternating):")
    print(table(["theme", "page", "mean", "median"], rows))

    captured = bodies(wsgi_app, site_path, [(anonymous, course[0]), (learner, lesson[0])])
    print(f"\nPart 2: the transform alone, without Diazo (median CPU ms of {args.requests}"
          " calls):")
    print(table(["page", "bytes", "way", "median"], transform_alone(captured, args.requests)))
    return 0


def main(argv=None):
    args = parse_args(argv)
    run_started = start_run("WikiMOOC direction transform, in-process",
                            "FileStorage, opened in this process", args.timeout)
    status = run_in_scratch_directory(args, run)
    print_run_time(run_started)
    return status


if __name__ == "__main__":
    sys.exit(main())
