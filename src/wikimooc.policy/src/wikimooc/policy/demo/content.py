"""Create the demo courses in a new site, each in its language's root folder, and the
demo programs over their sessions."""

from datetime import date
from datetime import timedelta
from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.demo.data import DEMO_COURSES
from wikimooc.policy.demo.data import DEMO_PROGRAMS
from wikimooc.policy.enrollment import add_learners


def create_demo_content(site, creation_day=None):
    """The demo courses, their sessions dated from ``creation_day`` (today unless
    given): running sessions on the day the site is created, and one to come."""
    creation_day = creation_day or date.today()
    add_content_languages(site, [course.language for course in DEMO_COURSES])
    for course in DEMO_COURSES:
        create_demo_course(site[course.language], course, creation_day)
    for program in DEMO_PROGRAMS:
        create_demo_program(site, program, creation_day)


def add_content_languages(site, languages):
    """Make ``languages`` available and give each its language root folder."""
    available = api.portal.get_registry_record("plone.available_languages")
    missing = [code for code in languages if code not in available]
    if missing:
        api.portal.set_registry_record(
            "plone.available_languages", [*available, *missing]
        )
    SetupMultilingualSite().setupSite(site)


def html(text):
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


def create_demo_course(container, course, creation_day):
    folder = api.content.create(
        container=container,
        type="Course",
        id=course.id,
        title=course.title,
        description=course.description,
        projects=course.projects,
        audience=course.audience,
        organisation=course.organisation,
        organisation_kind=course.organisation_kind,
        authors=[course.organisation],
    )
    module = api.content.create(
        container=folder, type="Module", id=course.module.id, title=course.module.title
    )
    api.content.create(
        container=module,
        type="Lesson",
        id=course.module.lesson_id,
        title=course.module.lesson_title,
        text=html(course.module.lesson_text),
        wiki_pages=list(course.module.wiki_pages),
    )
    exercise = course.module.exercise
    api.content.create(
        container=module,
        type="Exercise",
        id=exercise.id,
        title=exercise.title,
        instructions=html(exercise.instructions),
        check="wiki",
        wiki_action=exercise.wiki_action,
        namespace=exercise.namespace,
        title_pattern=exercise.title_pattern,
        min_bytes=exercise.min_bytes,
    )
    if course.module.quiz is not None:
        create_demo_quiz(module, course.module.quiz)
    api.content.transition(folder, to_state="published")
    for session in course.sessions:
        create_demo_session(folder, session, creation_day)
    return folder


def create_demo_quiz(module, quiz):
    created = api.content.create(
        container=module,
        type="Quiz",
        id=quiz.id,
        title=quiz.title,
        attempts_allowed=quiz.attempts_allowed,
        show_answers=quiz.show_answers,
    )
    for question in quiz.questions:
        api.content.create(
            container=created,
            type="QuizQuestion",
            id=question.id,
            title=question.title,
            kind=question.kind,
            prompt=html(question.prompt),
            points=question.points,
            hint=question.hint,
            choices=question.choices,
            partial_credit=question.partial_credit,
            number=question.number,
            tolerance=question.tolerance,
            accepted_answers=question.accepted_answers,
            explanation=html(question.explanation) if question.explanation else None,
        )
    return created


def create_demo_session(course, session, creation_day):
    start, end = session.dates(creation_day)
    created = api.content.create(
        container=course,
        type="CourseSession",
        id=session.id,
        title=session.title,
        description=session.description,
        kind="private" if session.private else "public",
        enrollment_policy="invitation" if session.private else "open",
        invited=list(session.learners),
        capacity=session.capacity,
        start=start,
        end=end,
        wiki=session.wiki,
    )
    api.content.transition(created, "open")
    add_learners(created, session.learners, added_by=None)
    return created


def create_demo_program(site, program, creation_day):
    """A published program over demo sessions (its report names nobody; private
    sessions count only for who may see them)."""
    created = api.content.create(
        container=site[program.language],
        type="Program",
        id=program.id,
        title=program.title,
        description=program.description,
        organisation=program.organisation,
        period_start=creation_day + timedelta(days=program.period_start_offset_days),
        period_end=creation_day + timedelta(days=program.period_end_offset_days),
        sessions=[site.unrestrictedTraverse(path).UID() for path in program.sessions],
    )
    api.content.transition(created, to_state="published")
    return created
