"""Content for the page, REST and scale benchmarks, made in-process against a running
platform's database (ZEO or RelStorage), not through thousands of REST calls:

    .venv/bin/zconsole run <instance>/etc/zope.conf bench/populate.py pages courses=1000 ...

Recipes: ``pages`` (a course with a module, a lesson, an exercise and an open session,
an enrolled learner with progress, a stock Document with the same text);
``courses=N`` (N more published courses, each with an open session);
``dashboard=N`` (a session of N learners added by wiki username, each with
CONTRIBUTIONS_PER_LEARNER contributions and one exercise done, stored as a check
would store them); ``enrollments=N`` (a session of N learners); ``members=N`` (N
members and an empty open session for them to enroll into); ``quiz=N`` (a quiz of
four questions in the course's module, and an open session with N enrolled members
to answer it). The last line printed is
a JSON report: seconds per recipe, and names for the oids of objects a recipe made.

The bench scripts import the names and paths below; Zope is only imported when the
recipes run inside zconsole.
"""

import json
import sys
import time


PASSWORD = "bench-password-42"
TEACHER = "bench-teacher"
LEARNER = "bench-learner"
MEMBER_PREFIX = "bench-member-"
COURSE = "/en/bench-course"
LESSON = f"{COURSE}/module/lesson"
DOCUMENT = "/en/bench-document"
COURSE_TITLE = "Bench course: contributing to Wikipedia"
DOCUMENT_TITLE = "Bench document: contributing to Wikipedia"
CATALOGUE_PREFIX = "catalogue-course-"
DASHBOARD_SESSION = f"{COURSE}/dashboard-session"
ENROLLMENTS_SESSION = f"{COURSE}/enrollments-session"
RUSH_SESSION = f"{COURSE}/rush-session"
QUIZ = f"{COURSE}/module/quiz"
QUIZ_SESSION = f"{COURSE}/quiz-session"
QUIZ_LEARNER_PREFIX = "bench-quizzer-"
CONTRIBUTIONS_PER_LEARNER = 3
COMMIT_EVERY = 500

# The same text on the lesson and on the stock Document, so that the pages differ by
# what WikiMOOC adds around it, not by their content.
TEXT = "".join(
    f"<h2>Part {number}</h2><p>Wikipedia is an encyclopedia written from a neutral point"
    " of view. Anyone can edit it, and every statement should rest on a reliable,"
    " published source. This paragraph stands for a lesson's text.</p>"
    for number in range(1, 7)
)


def member_login(number):
    return f"{MEMBER_PREFIX}{number:05d}"


def quiz_learner_login(number):
    return f"{QUIZ_LEARNER_PREFIX}{number:05d}"


def learner_name(prefix, number):
    return f"{prefix} {number:05d}"


def rich_text():
    from plone.app.textfield.value import RichTextValue

    return RichTextValue(TEXT, "text/html", "text/x-html-safe")


def create_course(container, course_id, title):
    from plone import api

    course = api.content.create(
        container=container, type="Course", id=course_id, title=title,
        description="A course of the benchmark, with a module, a lesson and an exercise.",
        projects=("wikipedia",), audience=("students",), organisation="Wikimedia UK",
        authors=["Ada Lovelace"],
    )
    # A course needs a module to be submitted for review, hence published.
    api.content.create(container=course, type="Module", id="module", title="Module")
    api.content.transition(course, to_state="published")
    return course


def create_session(course, session_id, title):
    from datetime import date
    from datetime import timedelta
    from plone import api

    session = api.content.create(
        container=course, type="CourseSession", id=session_id, title=title, kind="public",
        enrollment_policy="open", start=date.today() - timedelta(days=7),
        end=date.today() + timedelta(days=60), wiki="en.wikipedia.org", teachers=[TEACHER],
    )
    api.content.transition(session, "open")
    return session


def create_member(login):
    from plone import api

    return api.user.create(email=f"{login}@example.org", username=login, password=PASSWORD)


def pages(site):
    """The course and its lesson, a learner enrolled with one exercise done, the
    session's teacher, and the stock Document."""
    from plone import api
    from wikimooc.policy.enrollment import enroll
    from wikimooc.policy.enrollment import wiki_username_of
    from wikimooc.policy.tracking.storage import Progress
    from wikimooc.policy.tracking.storage import tracking_of

    create_member(TEACHER)
    course = create_course(site["en"], "bench-course", COURSE_TITLE)
    module = course["module"]
    api.content.create(
        container=module, type="Lesson", id="lesson", title="Lesson: the five pillars",
        text=rich_text(), wiki_pages=["Wikipedia:Five pillars"],
    )
    exercise = api.content.create(
        container=module, type="Exercise", id="exercise", title="Create your sandbox",
        instructions=rich_text(), check="wiki", wiki_action="create_page", namespace=2,
        title_pattern="User:{username}/sandbox",
    )
    session = create_session(course, "session", "Open session")
    learner = create_member(LEARNER)
    enroll(session, learner)
    tracking_of(session).progress[(wiki_username_of(learner), exercise.UID())] = Progress(
        done=True, when="2026-11-20T10:00:00Z", revid=1,
    )
    document = api.content.create(
        container=site["en"], type="Document", id="bench-document", title=DOCUMENT_TITLE,
        description="A stock Plone page with the lesson's text.", text=rich_text(),
    )
    api.content.transition(document, to_state="published")


def courses(site, count):
    """``count`` published courses in the catalogue, each with an open session."""
    import transaction

    for number in range(count):
        course = create_course(
            site["en"], f"{CATALOGUE_PREFIX}{number:04d}", f"Catalogue course {number:04d}"
        )
        create_session(course, "session", f"Open session of course {number:04d}")
        if number % 100 == 99:
            transaction.commit()


def add_learners_in_batches(session, names):
    from wikimooc.policy.enrollment import add_learners

    import transaction

    for start in range(0, len(names), COMMIT_EVERY):
        add_learners(session, names[start : start + COMMIT_EVERY], added_by=TEACHER)
        transaction.commit()


def dashboard(site, count):
    """A session of ``count`` learners whose contributions and progress a check would
    have stored: the dashboard reads them, it never asks the wiki."""
    from plone import api
    from wikimooc.policy.tracking.storage import Contribution
    from wikimooc.policy.tracking.storage import Progress
    from wikimooc.policy.tracking.storage import tracking_of

    course = site.unrestrictedTraverse(COURSE.lstrip("/"))
    session = create_session(course, DASHBOARD_SESSION.rsplit("/", 1)[1], "Dashboard session")
    names = [learner_name("Dashboard learner", number) for number in range(count)]
    add_learners_in_batches(session, names)
    [exercise] = api.content.find(context=course, portal_type="Exercise")
    tracking = tracking_of(session)
    revid = 1_000_000
    for number, name in enumerate(names):
        for edit in range(CONTRIBUTIONS_PER_LEARNER):
            revid += 1
            tracking.record(Contribution(
                revid=revid, parentid=0 if edit == 0 else revid - 1, username=name,
                namespace=2 if edit < 2 else 0,
                title=f"User:{name}/sandbox" if edit < 2 else f"Bench article {number}",
                timestamp=f"2026-11-{10 + edit:02d}T{number % 24:02d}:{number % 60:02d}:00Z",
                size=200 * (edit + 1), sizediff=200, new=edit != 1, comment="benchmark",
            ))
        tracking.progress[(name, exercise.UID)] = Progress(
            done=True, when="2026-11-10T12:00:00Z", revid=revid - 2,
        )
    tracking.last_checked = "2026-11-20T12:00:00Z"


def enrollments(site, count):
    course = site.unrestrictedTraverse(COURSE.lstrip("/"))
    session = create_session(
        course, ENROLLMENTS_SESSION.rsplit("/", 1)[1], "Enrollments session"
    )
    add_learners_in_batches(
        session, [learner_name("Enrolled learner", number) for number in range(count)]
    )


def members(site, count):
    """``count`` members, and an empty open session for them to enroll into. Returns
    the oids of the BTrees concurrent enrollments write, to name them in a report."""
    from wikimooc.policy.pas import PLUGIN_ID
    from ZODB.utils import oid_repr

    import transaction

    course = site.unrestrictedTraverse(COURSE.lstrip("/"))
    session = create_session(course, RUSH_SESSION.rsplit("/", 1)[1], "Rush session")
    for number in range(count):
        create_member(member_login(number))
        if number % 100 == 99:
            transaction.commit()
    transaction.commit()
    return {
        oid_repr(session.enrollments.learners._p_oid): "the session's learners BTree",
        oid_repr(site.acl_users[PLUGIN_ID].groups_by_user._p_oid):
            "the learners plugin's groups_by_user BTree",
    }


QUIZ_QUESTIONS = {
    "pillar": {"kind": "single", "title": "A pillar", "points": 2.0,
               "choices": "* Neutral point of view | Yes.\nOriginal research | No.\nAdvertising"},
    "licences": {"kind": "multiple", "title": "Free licences", "partial_credit": "edc",
                 "choices": "* CC BY-SA | Yes\n* CC BY | Yes\nCC BY-NC | Not free"},
    "year": {"kind": "number", "title": "Founded", "number": 2001.0},
    "word": {"kind": "text", "title": "The word", "accepted_answers": "pillars\npiliers"},
}


def quiz(site, count):
    """A graded quiz of one attempt, and a session whose ``count`` members are
    enrolled to answer it. Nothing is stored for attempts yet: the first attempt
    makes the session's attempts storage, as on a real site."""
    from plone import api
    from plone.app.textfield.value import RichTextValue
    from wikimooc.policy.enrollment import enroll

    import transaction

    course = site.unrestrictedTraverse(COURSE.lstrip("/"))
    made = api.content.create(container=course["module"], type="Quiz", id="quiz",
                              title="Quiz: the five pillars", attempts_allowed=1)
    for name, fields in QUIZ_QUESTIONS.items():
        prompt = RichTextValue(f"<p>{fields['title']}?</p>", "text/html", "text/x-html-safe")
        api.content.create(container=made, type="QuizQuestion", id=name, prompt=prompt,
                           **fields)
    session = create_session(course, QUIZ_SESSION.rsplit("/", 1)[1], "Quiz session")
    for number in range(count):
        enroll(session, create_member(quiz_learner_login(number)))
        if number % 100 == 99:
            transaction.commit()


RECIPES = {
    "pages": pages,
    "courses": courses,
    "dashboard": dashboard,
    "enrollments": enrollments,
    "members": members,
    "quiz": quiz,
}


def main(app, recipes):
    from wikimooc.policy.site import enter_site
    from wikimooc.policy.site import SITE_ID

    import transaction

    site = enter_site(app[SITE_ID])
    report = {"seconds": {}, "objects": {}}
    for recipe in recipes:
        name, _, count = recipe.partition("=")
        started = time.perf_counter()
        report["objects"].update(RECIPES[name](site, *([int(count)] if count else [])) or {})
        transaction.commit()
        report["seconds"][name] = round(time.perf_counter() - started, 1)
    print(json.dumps(report))


if __name__ == "__main__":
    # zconsole runs this file with `app` bound and its own arguments before ours:
    # zconsole run <zope.conf> <this file> <recipes...>
    main(app, sys.argv[4:])  # noqa: F821
