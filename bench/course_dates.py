"""Course dates benchmark: what a saved schedule costs the pages that go through every
learner (the teacher dashboard, which now flags late and missing work) and the pages
of one learner (their agenda, the lock check of a module), against the same session
without a schedule, in the same run.

    .venv/bin/python bench/course_dates.py [--learners 1000,10000] [--quick]

It prints figures (tables); it never passes or fails on a speed. It exits with status 1
only when the data are wrong (a learner's late work is not what was populated).

What it runs on: a temporary real ZODB FileStorage and zope.conf (load.py's
write_zope_instance), Zope configured in this process, the site created with
wikimooc.policy.site.ensure_site. Per size N, a session of a course of 8 modules, each
with a lesson, a wiki-checked exercise and a quiz, and N learners enrolled by wiki
username; every other learner did the first exercise (a progress record) and every
tenth made an attempt at the first quiz. Timed, with a warm ZODB cache, the median of
--rounds runs: dashboard() of the session without a schedule (the baseline), the same
after set_schedule(session, {}) saved the defaults, one learner's agenda(), and one
learner's learner_dates() (what each lock check of a module costs per session).
"""

from load import enter_zope
from load import leave_zope
from load import step
from load import table
from load import write_zope_instance
from pathlib import Path

import argparse
import datetime
import shutil
import statistics
import sys
import tempfile
import time


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", default="1000,10000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="200 and 1,000 learners, 3 rounds")
    args = parser.parse_args(argv)
    if args.quick:
        args.learners, args.rounds = "200,1000", 3
    args.sizes = [int(size) for size in args.learners.split(",")]
    return args


def timed(function, rounds):
    durations = []
    for _round in range(rounds):
        started = time.perf_counter()
        function()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations)


def build(site, size):
    from plone import api
    from plone.app.textfield.value import RichTextValue
    from wikimooc.policy.quiz.attempts import Attempt
    from wikimooc.policy.quiz.attempts import attempts_of
    from wikimooc.policy.tracking.storage import Progress
    from wikimooc.policy.tracking.storage import tracking_of

    import transaction

    course = api.content.create(container=site["en"], type="Course", id=f"dates-{size}",
                                title=f"Dates {size}", projects=("wikipedia",),
                                organisation="Bench")
    for number in range(8):
        module = api.content.create(container=course, type="Module", id=f"m{number}",
                                    title=f"Module {number}")
        api.content.create(container=module, type="Lesson", id="lesson", title="Lesson")
        api.content.create(container=module, type="Exercise", id="exercise", title="Exercise",
                           check="wiki", wiki_action="edit",
                           instructions=RichTextValue("<p>Edit.</p>"))
        api.content.create(container=module, type="Quiz", id="quiz", title="Quiz")
    session = api.content.create(
        container=course, type="CourseSession", id="session", title="Session",
        start=datetime.date(2027, 3, 1), end=datetime.date(2027, 6, 30), wiki="en.wikipedia.org",
    )
    exercise, quiz = course["m0"]["exercise"], course["m0"]["quiz"]
    tracking, attempts = tracking_of(session), attempts_of(session)
    for number in range(size):
        name = f"Learner {number:05d}"
        session.enrollments.add(name, None, added_by="bench")
        if number % 2 == 0:
            tracking.progress[(name, exercise.UID())] = Progress(True, "2027-03-05T10:00:00Z")
        if number % 10 == 0:
            attempts.record(quiz.UID(), name, Attempt(1, "2027-03-06T10:00:00+00:00", 1.0,
                                                      1.0, "{}", "{}"))
        if number % 1000 == 999:
            transaction.commit()
    transaction.commit()
    return session


def measure(site, size, rounds, now):
    """The figures of one session of ``size`` learners, and what is wrong, if anything."""
    from wikimooc.policy.coursedates.agenda import agenda
    from wikimooc.policy.coursedates.agenda import late_items
    from wikimooc.policy.coursedates.rules import learner_dates
    from wikimooc.policy.coursedates.rules import set_schedule
    from wikimooc.policy.tracking.reports import dashboard

    import transaction

    started = time.perf_counter()
    session = build(site, size)
    step(f"{size:,} learners populated in {time.perf_counter() - started:.1f} s")
    baseline = timed(lambda: dashboard(session), rounds)
    set_schedule(session, {})
    transaction.commit()
    scheduled = timed(lambda: dashboard(session), rounds)
    one = timed(lambda: agenda(session, "Learner 00001", now), rounds * 20)
    dates = timed(lambda: learner_dates(session, "Learner 00001"), rounds * 20)
    row = [f"{size:,}", f"{baseline:.2f} s", f"{scheduled:.2f} s",
           f"{scheduled / baseline:.1f}x", f"{one * 1000:.1f} ms", f"{dates * 1000:.2f} ms"]
    late = [item.title for item in late_items(session, "Learner 00001", now)]
    if late != ["Exercise", "Quiz", "Exercise", "Quiz"]:
        return row, f"{size}: Learner 00001's late work is {late}"
    return row, None


def run(args, directory):
    from Zope2.Startup.run import make_wsgi_app

    zope_conf = write_zope_instance(directory, cache_size=200000)
    make_wsgi_app({}, str(zope_conf))

    from plone import api
    from wikimooc.policy.site import ensure_site

    import transaction
    import Zope2

    app = enter_zope(Zope2.app())
    site, _created = ensure_site(app, with_demo_content=False)
    transaction.commit()
    now = datetime.datetime(2027, 3, 20, tzinfo=datetime.UTC)
    rows, wrong = [], []
    with api.env.adopt_roles(["Manager"]):
        for size in args.sizes:
            row, problem = measure(site, size, args.rounds, now)
            rows.append(row)
            if problem:
                wrong.append(problem)
    leave_zope()
    print()
    print(table(["learners", "dashboard, no schedule", "dashboard, scheduled", "ratio",
                 "one agenda", "one learner's dates"], rows))
    for problem in wrong:
        print(f"WRONG: {problem}")
    return 1 if wrong else 0


def main(argv=None):
    args = parse_args(argv)
    when = datetime.datetime.now(datetime.UTC)
    print(f"WikiMOOC course dates benchmark, {when:%Y-%m-%d %H:%M} UTC, median of "
          f"{args.rounds} rounds", flush=True)
    directory = Path(tempfile.mkdtemp(prefix="wikimooc-bench-"))
    try:
        return run(args, directory)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
