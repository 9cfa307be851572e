"""REST benchmark: the @courses catalogue with 1,000 courses, @dashboard for a session
of 1,000 learners with their contributions, and @enrollments for 10,000 learners.

    .venv/bin/python bench/rest.py [--courses 1000] [--learners 1000]
                                   [--enrolled 10000] [--requests 30] [--quick]

It prints a table; it never passes or fails on a speed. It exits with status 1 only
when an answer is wrong (an error status, a count that is off).

The platform is the real `make start` with the embedded default storage
(FileStorage behind ZEO) and one web instance, as in bench/pages.py, with caching off
(ICacheSettings.enabled false: the figures are the services' own cost). bench/populate.py
makes the content in a zconsole process: the courses (published, each with an open
session), the dashboard's session (learners added by wiki username, with
CONTRIBUTIONS_PER_LEARNER contributions each and one exercise done, stored in
tracking_of(session) as a check stores them) and the enrollments' session.

One client on keep-alive connections sends each figure's GET once (its time is shown
apart as "first": a cold cache), then every figure's GET in turn, --requests times, so
that the machine's changing load falls on all figures alike. @courses is asked
anonymously; @dashboard and @enrollments by the sessions' teacher.
"""

from dataclasses import dataclass
from dataclasses import field
from load import add_run_options
from load import client
from load import DataError
from load import fill_defaults
from load import load_average
from load import ms
from load import percentile
from load import populate
from load import print_run_time
from load import running_platform
from load import set_caching
from load import start_run
from load import step
from load import table
from populate import CONTRIBUTIONS_PER_LEARNER
from populate import DASHBOARD_SESSION
from populate import ENROLLMENTS_SESSION
from populate import PASSWORD
from populate import TEACHER

import argparse
import sys
import time


CATALOGUE_GOAL = 0.150
DASHBOARD_GOAL = 0.500


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--courses", type=int, help="courses in the catalogue (1000)")
    parser.add_argument("--learners", type=int, help="learners on the dashboard (1000)")
    parser.add_argument("--enrolled", type=int, help="learners of @enrollments (10000)")
    parser.add_argument("--requests", type=int, help="timed requests per figure (30)")
    add_run_options(parser, "100 courses, 100 learners, 1,000 enrolled, 10 requests")
    return fill_defaults(
        parser, parser.parse_args(argv),
        quick={"courses": 100, "learners": 100, "enrolled": 1000, "requests": 10},
        full={"courses": 1000, "learners": 1000, "enrolled": 10000, "requests": 30},
        at_least_one=("courses", "learners", "enrolled", "requests"),
    )


@dataclass
class Figure:
    """One GET to time; ``check(answer)`` returns what is wrong with its JSON, or None."""

    label: str
    url: str
    check: object
    auth: tuple | None = None
    goal: float | None = None
    first: float = 0.0
    durations: list = field(default_factory=list)

    def row(self):
        p50 = percentile(self.durations, 0.5)
        verdict = "" if self.goal is None else (
            f"{ms(self.goal)}: {'met' if p50 < self.goal else 'NOT met'}"
        )
        return [self.label, len(self.durations), ms(self.first), ms(p50),
                ms(percentile(self.durations, 0.95)), ms(max(self.durations)), verdict]


def measure(figures, requests_count):
    """Each figure's GET once (its "first"), then all of them in turn ``requests_count``
    times, so that a change in the machine's load falls on all of them alike. One
    keep-alive session per user."""
    sessions = {}
    for figure in figures:
        if figure.auth not in sessions:
            sessions[figure.auth] = client(figure.auth)
            sessions[figure.auth].headers["Accept"] = "application/json"
    for round_number in range(requests_count + 1):
        for figure in figures:
            started = time.perf_counter()
            response = sessions[figure.auth].get(figure.url, timeout=120)
            duration = time.perf_counter() - started
            if response.status_code != 200:
                raise DataError(f"{figure.label}: HTTP {response.status_code}"
                                f" {response.text[:300]}")
            if round_number == 0:
                figure.first = duration
                if problem := figure.check(response.json()):
                    raise DataError(f"{figure.label}: {problem}")
            else:
                figure.durations.append(duration)
    for session in sessions.values():
        session.close()


def catalogue_figures(base, args, total_courses):
    def check(answer):
        if not answer["items"] or answer["items_total"] < args.courses:
            return f"{answer['items_total']} courses, {len(answer['items'])} on the page"
        return None

    return [
        Figure(f"@courses, {label}", f"{base}/@courses{query}", check, goal=CATALOGUE_GOAL)
        for label, query in (
            ("first page (25 of all)", ""),
            ("a page in the middle", f"?b_start={total_courses // 2 // 25 * 25}"),
            ("project=wikipedia&language=en", "?project=wikipedia&language=en"),
            ("q=Catalogue (text search)", "?q=Catalogue"),
        )
    ]


def dashboard_figure(base, args):
    def check(answer):
        totals = answer["totals"]
        if (totals["learners"], totals["edits"]) != (
            args.learners, args.learners * CONTRIBUTIONS_PER_LEARNER
        ):
            return f"{totals['learners']} learners, {totals['edits']} edits"
        return None

    return Figure(f"@dashboard, {args.learners:,} learners",
                  f"{base}{DASHBOARD_SESSION}/@dashboard", check, (TEACHER, PASSWORD),
                  DASHBOARD_GOAL)


def enrollments_figures(base, args):
    def check(answer):
        if answer["items_total"] != args.enrolled or len(answer["items"]) != 25:
            return f"{answer['items_total']} learners, {len(answer['items'])} on the page"
        return None

    return [
        Figure(f"@enrollments, {args.enrolled:,} learners, {label}",
               f"{base}{ENROLLMENTS_SESSION}/@enrollments?{query}", check, (TEACHER, PASSWORD))
        for label, query in (("first page", "b_size=25"),
                             ("page in the middle", f"b_size=25&b_start={args.enrolled // 2}"))
    ]


def main(argv=None):
    args = parse_args(argv)
    run_started = start_run(
        "WikiMOOC REST benchmark",
        "FileStorage behind ZEO (make start's default), one web instance", args.timeout,
    )
    print(f"{args.courses:,} courses, a dashboard of {args.learners:,} learners"
          f" ({CONTRIBUTIONS_PER_LEARNER} contributions each), {args.enrolled:,} enrolled;"
          f" {args.requests} requests per figure", flush=True)
    with running_platform(keep=args.keep) as running:
        report = populate(running, "pages", f"courses={args.courses}",
                          f"dashboard={args.learners}", f"enrollments={args.enrolled}")
        step("content created: " + ", ".join(f"{name} {seconds} s"
                                            for name, seconds in report["seconds"].items()))
        set_caching(running, False)
        total_courses = running.api("/@courses?b_size=1")["items_total"]
        figures = [*catalogue_figures(running.url, args, total_courses),
                   dashboard_figure(running.url, args), *enrollments_figures(running.url, args)]
        try:
            measure(figures, args.requests)
        except DataError as error:
            print(f"FAILED: {error}")
            return 1
        step(load_average())

    print()
    print(f"3. REST, one client, caching off ({total_courses:,} published courses in the"
          " catalogue, the demo content's included)")
    print(table(["request", "n", "first", "p50", "p95", "max", "goal (p50)"],
                [figure.row() for figure in figures]))
    print_run_time(run_started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
