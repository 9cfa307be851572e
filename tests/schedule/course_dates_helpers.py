"""Helpers of the course dates' tests: moments in UTC, a course of three weeks,
enrolling on a given day."""

from datetime import datetime
from datetime import UTC
from plone import api
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.enrollment import wiki_username_of


def moment(text):
    """An ISO moment in UTC: "2027-03-08" is its midnight, "2027-03-08T12:00" noon."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def build_course(course):
    """Three modules, each with a lesson, a wiki-checked exercise and a quiz."""
    parts = {}
    with api.env.adopt_roles(["Manager"]):
        for number in (1, 2, 3):
            module = api.content.create(container=course, type="Module", id=f"week{number}",
                                        title=f"Week {number}")
            lesson = api.content.create(container=module, type="Lesson", id="lesson",
                                        title=f"Lesson {number}")
            exercise = api.content.create(container=module, type="Exercise", id="exercise",
                                          title=f"Exercise {number}", check="wiki",
                                          wiki_action="edit")
            quiz = api.content.create(container=module, type="Quiz", id="quiz",
                                      title=f"Quiz {number}", attempts_allowed=0)
            api.content.create(
                container=quiz, type="QuizQuestion", id="year", kind="text",
                prompt=RichTextValue("<p>When did Wikipedia start?</p>", "text/html",
                                     "text/html"),
                accepted_answers="2001",
            )
            parts[f"week{number}"] = module
            parts[f"lesson{number}"] = lesson
            parts[f"exercise{number}"] = exercise
            parts[f"quiz{number}"] = quiz
    return parts


def enroll_on(session, member, day):
    """Enroll ``member`` as if on ``day`` (an ISO date)."""
    enroll(session, member)
    username = wiki_username_of(member)
    learners = session.enrollments.learners
    learners[username] = learners[username]._replace(enrolled=f"{day}T09:30:00+00:00")
