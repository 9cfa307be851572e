"""Grade book benchmark: the grade book of a 10,000-learner session over REST (its
first page, a page sorted by grade, one learner's detail) and its CSV export, next to
a naive grade book computed in the same run.

    .venv/bin/python bench/gradebook.py [--learners 10000] [--requests 20] [--quick]

It prints figures (tables); it never passes or fails on a speed. It exits with status 1
only when the data are wrong (a row's grade differs from the naive computation, a count
is off).

What it runs on: as bench/enrollment.py, a real ZODB FileStorage in a temporary
directory, Zope configured in this process as runwsgi does, the site made by
wikimooc.policy.site.ensure_site, and waitress serving it on 127.0.0.1 (so the REST
figures go through the whole publisher: basic authentication, traversal, plone.restapi).

The session: a course of two modules with 3 graded quizzes (4 questions each), 3
exercises checked on the wiki and 1 peer-reviewed exercise. Its learners are added by
wiki username (``add_learners``, as a teacher would); --peer of them are members who
hand in work the teacher grades (real Submission content, real peer-review workflow).
Their results are recorded where the features keep them: each learner made 0 to 2
attempts at each quiz (attempts.QuizAttempts, the session's OOBTree) and did some of
the wiki exercises (the edit tracking's progress OOBTree); they are written straight
into those stores, which is what submit() and an edit check end with, to make 10,000
learners' results in seconds.

Figures:
  REST  GET {session}/@gradebook (b_size 25: the first page, a page in the middle),
        the first page sorted by grade (which reads every learner),
        GET {session}/@gradebook/<username>, GET {session}/@@gradebook.csv, as the
        session's teacher, one client with keep-alive; p50 and p95.
  naive the same first page and the CSV as a straightforward implementation would
        make them, in-process (no HTTP, so it is flattered): every learner's grades
        computed one by one with learner_grades() (which opens the stores, lists the
        course's items and searches the catalog for each learner's submissions), then
        the first 25 rows kept.
Clients and server share this process (and its GIL), on a shared machine.
"""

from enrollment import create_members
from enrollment import create_session
from enrollment import name_for
from enrollment import PASSWORD
from enrollment import start_zope
from load import add_run_options
from load import DataError
from load import enter_zope
from load import fill_defaults
from load import ms
from load import percentile
from load import run_in_scratch_directory
from load import step
from load import table
from load import write_zope_instance

import argparse
import csv
import datetime
import faulthandler
import io
import random
import statistics
import sys
import time


QUIZZES, WIKI_EXERCISES = 3, 3
PAGE_SIZE = 25
RUBRIC = {"criteria": [
    {"title": "Sources",
     "levels": [{"title": "None", "points": 0}, {"title": "Good", "points": 2}]},
    {"title": "Neutral", "levels": [{"title": "No", "points": 0}, {"title": "Yes", "points": 3}]},
]}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, help="learners of the session (10000)")
    parser.add_argument("--peer", type=int, help="of them, members graded by peer review (200)")
    parser.add_argument("--requests", type=int, help="HTTP requests per page figure (20)")
    parser.add_argument("--csv-requests", type=int, help="HTTP requests of the CSV (3)")
    add_run_options(parser, "small run: 1,000 learners, 50 graded, 10 requests",
                    keep_help="keep the temporary directory")
    return fill_defaults(
        parser, parser.parse_args(argv),
        quick={"learners": 1000, "peer": 50, "requests": 10, "csv_requests": 2},
        full={"learners": 10000, "peer": 200, "requests": 20, "csv_requests": 3},
        at_least_one=("learners", "requests", "csv_requests"),
    )


def rich(html):
    from plone.app.textfield.value import RichTextValue

    return RichTextValue(html, "text/html", "text/x-html-safe")


def build_course(site):
    """The course: module "one" (quizzes, wiki exercises), module "two" (the rest)."""
    from plone import api

    course = api.content.create(container=site["en"], type="Course", id="graded",
                                title="Graded course", projects=("wikipedia",),
                                organisation="Wikimedia UK")
    modules = [api.content.create(container=course, type="Module", id=name, title=name.title())
               for name in ("one", "two")]
    quizzes, exercises = [], []
    for number in range(QUIZZES):
        quiz = api.content.create(container=modules[number % 2], type="Quiz",
                                  id=f"quiz-{number}", title=f"Quiz {number}", attempts_allowed=2)
        for question in range(4):
            api.content.create(
                container=quiz, type="QuizQuestion", id=f"q{question}", kind="number",
                title=f"Question {question}", prompt=rich("<p>How many?</p>"), points=1.0,
                number=float(question),
            )
        quizzes.append(quiz)
    for number in range(WIKI_EXERCISES):
        exercises.append(api.content.create(
            container=modules[number % 2], type="Exercise", id=f"wiki-{number}",
            title=f"Wiki exercise {number}", check="wiki", wiki_action="create_page",
            title_pattern="User:{username}/Draft" + str(number),
        ))
    peer = api.content.create(container=modules[1], type="Exercise", id="peer",
                              title="Peer-reviewed exercise", check="peer", rubric=RUBRIC,
                              instructions=rich("<p>Cite.</p>"))
    api.content.transition(course, to_state="published")
    return course, quizzes, exercises, peer


def record_results(session, quizzes, exercises, rng):
    """0 to 2 attempts per quiz and some wiki exercises done, for every learner, written
    into the stores submit() and the edit checks write."""
    from wikimooc.policy.quiz.attempts import Attempt
    from wikimooc.policy.quiz.attempts import attempts_of
    from wikimooc.policy.tracking.storage import Progress
    from wikimooc.policy.tracking.storage import tracking_of

    import transaction

    attempts = attempts_of(session)
    tracking = tracking_of(session)
    for index, username in enumerate(session.enrollments.learners.keys(), 1):
        for quiz in quizzes:
            made = tuple(
                Attempt(number, "2027-03-02T10:00:00.000000+00:00", float(rng.randint(0, 4)),
                        4.0, "{}", "{}")
                for number in range(1, rng.randint(0, 2) + 1)
            )
            if made:
                attempts.shard(username)[(quiz.UID(), username)] = made
        for exercise in exercises:
            if rng.random() < 0.6:
                tracking.progress[(username, exercise.UID())] = Progress(
                    done=True, when="2027-03-03T10:00:00Z", revid=index)
        if index % 2000 == 0:
            transaction.commit()
    transaction.commit()


def grade_peer_work(session, peer, logins, rng):
    """Each member hands in work for ``peer``; the teacher grades it."""
    from plone import api
    from wikimooc.workflows.peerreview.actions import create_submission
    from wikimooc.workflows.peerreview.actions import override_grade
    from wikimooc.workflows.peerreview.actions import transition

    import transaction

    for login in logins:
        with api.env.adopt_user(username=login):
            submission = create_submission(session, peer.UID(), "My work.", [])
            transition(submission, "submit", "")
        with api.env.adopt_user(username="teacher"):
            override_grade(submission, rng.randint(0, 5), "Graded by the teacher.")
    transaction.commit()


# ----------------------------------------------------------------------------- naive


def naive_grades(session):
    """Every learner's grades, one by one, with the per-learner function."""
    from wikimooc.policy.grades.results import learner_grades

    return [learner_grades(session, username) for username in session.enrollments.learners]


def naive_first_page(session):
    return naive_grades(session)[:PAGE_SIZE]


def naive_csv(session):
    out = io.StringIO()
    writer = csv.writer(out)
    for grades in naive_grades(session):
        writer.writerow((grades.username, grades.grade, grades.passed,
                         *(result.share for result in grades.results)))
    return out.getvalue()


def time_in_process(function, session, count):
    durations, result = [], None
    for _ in range(count):
        started = time.perf_counter()
        result = function(session)
        durations.append(time.perf_counter() - started)
    return durations, result


# ----------------------------------------------------------------------------- HTTP


def time_gets(client, url, count):
    durations, response = [], None
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(url, timeout=300)
        durations.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise DataError(f"{url}: {response.status_code} {response.text[:300]}")
    return durations, response


def figure_row(label, durations):
    return [label, len(durations), ms(statistics.median(durations)),
            ms(percentile(durations, 0.95)), ms(min(durations))]


def check_against_naive(rows, naive):
    """The grade book's rows must say what the naive computation says."""
    for row, grades in zip(rows, naive, strict=True):
        expected = None if grades.grade is None else round(grades.grade, 2)
        if (row["wiki_username"], row["grade"]) != (grades.username, expected):
            raise DataError(f"grade book row {row['wiki_username']} {row['grade']}"
                            f" != naive {grades.username} {expected}")


def main(argv=None):
    args = parse_args(argv)
    faulthandler.dump_traceback_later(args.timeout, exit=True)
    when = datetime.datetime.now(datetime.UTC)
    print(f"WikiMOOC grade book benchmark, {when:%Y-%m-%d %H:%M} UTC", flush=True)
    print(f"learners {args.learners:,} ({args.peer} graded by peer review),"
          f" {args.requests} requests per page figure, {args.csv_requests} CSV", flush=True)
    return run_in_scratch_directory(args, run)


def run(args, directory, started_things):
    from webtest.http import StopableWSGIServer

    zope_conf = write_zope_instance(directory, cache_size=60000)
    started = time.perf_counter()
    wsgi_app = start_zope(zope_conf)

    from wikimooc.policy.enrollment import add_learners
    from wikimooc.policy.site import ensure_site

    import requests
    import transaction
    import Zope2

    started_things.append(Zope2.DB)
    app = enter_zope(Zope2.app())
    site, _created = ensure_site(app, with_demo_content=False)
    transaction.commit()
    rng = random.Random(15)
    peer_logins = [name_for("p", number) for number in range(args.peer)]
    create_members(["teacher", *peer_logins])
    course, quizzes, exercises, peer = build_course(site)
    session = create_session(course, "big", "Big session")
    transaction.commit()
    names = [name_for("Learner ", number) for number in range(args.learners - args.peer)]
    for first in range(0, len(names), 1000):
        add_learners(session, names[first:first + 1000], added_by="teacher")
        transaction.commit()
    add_learners(session, peer_logins, added_by="teacher")
    transaction.commit()
    if len(session.enrollments) != args.learners:
        raise DataError(f"{len(session.enrollments)} learners, not {args.learners}")
    record_results(session, quizzes, exercises, rng)
    grade_peer_work(session, peer, peer_logins, rng)
    step(f"site, {args.learners:,} learners and their results made in"
         f" {time.perf_counter() - started:.1f} s (not timed below)")

    server = StopableWSGIServer.create(wsgi_app, host="127.0.0.1", threads=4)
    started_things.append(server)
    assert server.wait(), "the WSGI server did not start"
    session_url = f"http://127.0.0.1:{server.adj.port}" + "/".join(session.getPhysicalPath())
    client = requests.Session()
    client.headers["Accept"] = "application/json"
    client.auth = ("teacher", PASSWORD)
    time_gets(client, session_url + "/@gradebook", 2)  # warm the caches

    figures = []
    first, first_page = time_gets(client, session_url + "/@gradebook", args.requests)
    figures.append(figure_row("REST first page (25 learners)", first))
    middle_start = (args.learners // 2 // PAGE_SIZE) * PAGE_SIZE
    middle, _page = time_gets(client, f"{session_url}/@gradebook?b_start={middle_start}",
                              args.requests)
    figures.append(figure_row("REST a page in the middle", middle))
    by_grade, _page = time_gets(
        client, session_url + "/@gradebook?sort_on=grade&sort_order=descending",
        max(2, args.requests // 4))
    figures.append(figure_row("REST first page sorted by grade", by_grade))
    username = first_page.json()["items"][3]["wiki_username"]
    detail, _page = time_gets(client, f"{session_url}/@gradebook/{username}", args.requests)
    figures.append(figure_row("REST one learner's detail", detail))
    csv_times, csv_response = time_gets(client, session_url + "/@@gradebook.csv",
                                        args.csv_requests)
    figures.append(figure_row("CSV, every learner", csv_times))
    step("REST figures taken")

    transaction.begin()
    naive_first, naive_rows = time_in_process(naive_first_page, session, 1)
    figures.append(figure_row("naive first page (in-process)", naive_first))
    naive_csv_times, _text = time_in_process(naive_csv, session, 1)
    figures.append(figure_row("naive CSV (in-process)", naive_csv_times))

    book = first_page.json()
    if book["items_total"] != args.learners:
        raise DataError(f"items_total {book['items_total']}, not {args.learners}")
    check_against_naive(book["items"], naive_rows)
    csv_lines = csv_response.text.splitlines()
    if len(csv_lines) != args.learners + 1:
        raise DataError(f"the CSV has {len(csv_lines) - 1} rows, not {args.learners}")
    print()
    print(table(["what", "requests", "p50", "p95", "min"], figures))
    print()
    print(f"first page p50 {ms(statistics.median(first))} (target <= 300 ms),"
          f" CSV p50 {statistics.median(csv_times):.2f} s (target <= 10 s);"
          f" naive first page {statistics.median(naive_first):.2f} s,"
          f" naive CSV {naive_csv_times[0]:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
