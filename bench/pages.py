"""Page benchmark: how fast WikiMOOC's pages answer next to a stock Plone Document
page, uncached, and what our caching (WikiMOOC's page cache in front of Zope, over
plone.app.caching's RAM cache) gives anonymous visitors.

    .venv/bin/python bench/pages.py [--quick] [--seconds 2] [--rounds 3]

It prints tables; it never passes or fails on a speed. It exits with status 1 only
when the platform answers wrongly (an error status, a page without its marker, a saved
change not shown to anonymous visitors).

The platform is the real `make start` (scripts/start.sh through
tests/running_platform.py) on an instance rendered into a temporary directory with
the embedded default storage (FileStorage behind the instance's ZEO server), one web
instance (waitress, 4 threads) and the task worker. bench/populate.py adds the content
in a zconsole process. The load generator is this process: threads, each with its own
keep-alive requests.Session, on loopback.

Parts:
  1  Page speed, caching off (the registry's ICacheSettings.enabled set to false over
     REST): an anonymous course page next to an anonymous stock Document, and an
     enrolled learner's lesson page (with its exercise progress) next to the same
     Document seen by the same learner, at concurrency 1, 4 and 16. The pages of a
     pair run in alternating short rounds, so that the machine's changing load falls
     on both alike.
  2  Caching: the anonymous course page with our caching on (page cache and RAM cache)
     next to the stock Document with caching off, in alternating rounds, at the same
     concurrencies; then a course title saved over REST and the next anonymous GET.

Server CPU per request is the web instance's own CPU time (from /proc) over the
requests it answered: it varies less with the machine's load than requests/s.
"""

from load import add_run_options
from load import answered_from
from load import compare
from load import DataError
from load import fill_defaults
from load import load_average
from load import LOAD_HEADERS
from load import Page
from load import populate
from load import print_run_time
from load import running_platform
from load import set_caching
from load import start_run
from load import step
from load import table
from load import warm_up
from load import web_instance_pids
from populate import COURSE
from populate import COURSE_TITLE
from populate import DOCUMENT
from populate import LEARNER
from populate import LESSON
from populate import PASSWORD

import argparse
import html
import re
import requests
import sys
import time


CONCURRENCIES = (1, 4, 16)
COST_GOAL = 1.3
CACHING_GOAL = 10


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, help="length of one round of one page (2)")
    parser.add_argument("--rounds", type=int, help="rounds per page and concurrency (3)")
    add_run_options(parser, "one round of 1 s")
    return fill_defaults(
        parser, parser.parse_args(argv), quick={"seconds": 1.0, "rounds": 1},
        full={"seconds": 2.0, "rounds": 3}, at_least_one=("rounds",), positive=("seconds",),
    )


def page_title(text):
    found = re.search(r"<title>(.*?)</title>", text, re.S)
    return html.unescape(found.group(1).strip()) if found else "(no <title>)"


def expect_marker(url, marker, auth=None):
    response = requests.get(url, auth=auth, timeout=60)
    if response.status_code != 200 or marker not in response.text:
        raise DataError(f"{url}: HTTP {response.status_code}, {marker!r} not in the page")
    if operation := response.headers.get("X-Cache-Operation"):
        raise DataError(f"{url}: caching should be off, got {operation}")


def pair_rows(concurrency, ours, stock, results, figures):
    """Two table rows, the first ending with ``figures``."""
    return [
        [concurrency, ours.label, *results[ours.label].row(), *figures],
        ["", stock.label, *results[stock.label].row()],
    ]


def cost_ratios(ours, stock):
    """How many times a stock page's cost ours is: by requests per second, and by the
    server's CPU per request (the steadier figure on a shared machine)."""
    return (stock.per_second / ours.per_second,
            (ours.server_cpu / ours.requests) / (stock.server_cpu / stock.requests))


def span(values):
    return f"{min(values):.2f}x" if len(values) == 1 else (
        f"{min(values):.2f}x to {max(values):.2f}x"
    )


def page_speed(running, args, pids, errors):
    """Table rows, and a summary line per page of ours."""
    base = running.url
    learner = (LEARNER, PASSWORD)
    pairs = [
        (Page("course page, anonymous", [base + COURSE]),
         Page("stock Document, anonymous", [base + DOCUMENT])),
        (Page("lesson page, learner", [base + LESSON], learner),
         Page("stock Document, learner", [base + DOCUMENT], learner)),
    ]
    expect_marker(base + COURSE, "wikimooc-course")
    expect_marker(base + LESSON, "wikimooc-exercise-progress", learner)
    expect_marker(base + DOCUMENT, LEARNER, learner)
    warm_up([page for pair in pairs for page in pair])
    rows, ratios = [], {ours.label: [] for ours, _stock in pairs}
    for concurrency in CONCURRENCIES:
        for ours, stock in pairs:
            results = compare([ours, stock], concurrency, args.rounds, args.seconds, pids)
            by_rate, by_cpu = cost_ratios(results[ours.label], results[stock.label])
            ratios[ours.label].append((by_rate, by_cpu))
            rows += pair_rows(concurrency, ours, stock, results,
                              [f"{by_rate:.2f}x", f"{by_cpu:.2f}x"])
            errors.extend(error for load in results.values() for error in load.errors)
        step(f"concurrency {concurrency} done; {load_average()}")
    summary = [
        f"{label}: {span([rate for rate, _cpu in found])} by req/s,"
        f" {span([cpu for _rate, cpu in found])} by server CPU per request; goal"
        f" {'met' if all(max(pair) <= COST_GOAL for pair in found) else 'NOT met'}"
        for label, found in ratios.items()
    ]
    return rows, summary


def caching(running, args, pids, errors):
    """Table rows, and the gains (cached req/s over uncached) per concurrency."""
    base = running.url
    cached = Page("course page, anonymous, cached", [base + COURSE], caching=True)
    uncached = Page("stock Document, anonymous, caching off", [base + DOCUMENT])
    rows, gains = [], []
    for concurrency in CONCURRENCIES:
        results = compare(
            [cached, uncached], concurrency, args.rounds, args.seconds, pids,
            switch_caching=lambda enabled: set_caching(running, enabled),
        )
        gain = results[cached.label].per_second / results[uncached.label].per_second
        gains.append(gain)
        rows += pair_rows(concurrency, cached, uncached, results, [f"{gain:.1f}x"])
        errors.extend(error for load in results.values() for error in load.errors)
        step(f"concurrency {concurrency} done; {load_average()}")
    return rows, gains


def freshness(running):
    """A title saved over REST, then the next anonymous GET: each step's answer."""
    set_caching(running, True)
    url = running.url + COURSE
    rows = []

    def anonymous_get(label):
        started = time.perf_counter()
        response = requests.get(url, timeout=60)
        rows.append([label, answered_from(response), page_title(response.text),
                     f"{(time.perf_counter() - started) * 1000:.0f} ms"])
        return response

    anonymous_get("anonymous GET")
    anonymous_get("anonymous GET again")
    new_title = f"{COURSE_TITLE} (edited {time.strftime('%H:%M:%S')})"
    started = time.perf_counter()
    running.api(COURSE, {"title": new_title}, "PATCH")
    rows.append([f"PATCH {COURSE} title over REST (admin)", "", new_title,
                 f"{(time.perf_counter() - started) * 1000:.0f} ms"])
    after = anonymous_get("next anonymous GET")
    anonymous_get("anonymous GET again")
    return rows, new_title in page_title(after.text)


def main(argv=None):
    args = parse_args(argv)
    run_started = start_run(
        "WikiMOOC page benchmark",
        "FileStorage behind ZEO (make start's default), one web instance", args.timeout,
    )
    print(f"{args.rounds} round(s) of {args.seconds:g} s per page and concurrency", flush=True)
    with running_platform(keep=args.keep) as running:
        report = populate(running, "pages")
        step(f"content created in {report['seconds']['pages']} s")
        pids = web_instance_pids(running)
        set_caching(running, False)
        errors = []
        try:
            speed_rows, speed_summary = page_speed(running, args, pids, errors)
            caching_rows, gains = caching(running, args, pids, errors)
            fresh_rows, fresh = freshness(running)
        except DataError as error:
            print(f"FAILED: {error}")
            return 1

    print()
    print("1. Page speed, caching off (ICacheSettings.enabled = false)")
    print(table(["concurrency", "page", *LOAD_HEADERS, "cost vs stock", "CPU vs stock"],
                speed_rows))
    print("cost vs stock = stock req/s / our req/s; CPU vs stock = server CPU per request,"
          f" ours / stock's. Goal: at most {COST_GOAL}x.")
    for line in speed_summary:
        print(line)

    print()
    print("2. Caching: the course page with our caching on, the stock Document uncached")
    print(table(["concurrency", "page", *LOAD_HEADERS, "cached / uncached"], caching_rows))
    print(f"Goal: the cached page at least {CACHING_GOAL}x the uncached page's req/s:"
          f" {', '.join(f'{gain:.1f}x' for gain in gains)} at concurrency"
          f" {', '.join(map(str, CONCURRENCIES))}; goal"
          f" {'met' if min(gains) >= CACHING_GOAL else 'NOT met'}.")
    print()
    print("Freshness: anonymous visitors, caching on")
    print(table(["step", "answered by", "<title> of the answer", "time"], fresh_rows))
    print("The saved title shows at once." if fresh
          else "FAILED: the next anonymous GET still shows the old title.")
    if errors:
        print(f"FAILED: {len(errors)} requests went wrong, e.g. {errors[:3]}")
    print_run_time(run_started)
    return 0 if fresh and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
