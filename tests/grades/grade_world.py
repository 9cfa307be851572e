"""The world of the grade book tests (conftest.py makes it for each test): a course
whose module "Basics" has a graded quiz ("check", 4 points, two attempts), an
exercise checked on the wiki ("draft") and a peer-reviewed one ("sources", at most 5
points), and whose module "More" has a practice quiz ("practice", not graded) and
another wiki exercise ("article"). Its session "spring", taught by "teacher", has the
learners Ada and Bob; Cleo learns in none.

``Results`` records what a learner did (as the features themselves do): attempts
through quiz.attempts.submit, exercises done as an edit check records them,
peer-reviewed work handed in and graded by the teacher."""

from datetime import date
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.textfield.value import RichTextValue
from quiz_answers import answers_for
from rubrics import SOURCES_AND_NEUTRALITY
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.quiz.attempts import submit
from wikimooc.policy.tracking.storage import Progress
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.workflows.peerreview.actions import create_submission
from wikimooc.workflows.peerreview.actions import override_grade
from wikimooc.workflows.peerreview.actions import transition


PASSWORD = "secret-pw-123"
RUBRIC = SOURCES_AND_NEUTRALITY


def rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def add_quiz(module, quiz_id, **settings):
    quiz = api.content.create(container=module, type="Quiz", id=quiz_id,
                              title=quiz_id.title(), **settings)
    api.content.create(
        container=quiz, type="QuizQuestion", id="pillar", title="A pillar", kind="single",
        prompt=rich("<p>Which is a pillar?</p>"), points=2.0,
        choices="* Neutral point of view\nOriginal research",
    )
    api.content.create(
        container=quiz, type="QuizQuestion", id="year", title="Year", kind="number",
        prompt=rich("<p>When was Wikipedia founded?</p>"), points=2.0, number=2001.0,
    )
    return quiz


def build_course(portal, teachers=("teacher",), **session_fields):
    """The course and its session "spring" (see above; ``session_fields`` change it);
    returns them by name."""
    with api.env.adopt_roles(["Manager"]):
        for login_name in ("ada", "bob", "cleo", "teacher"):
            if api.user.get(username=login_name) is None:
                api.user.create(email=f"{login_name}@example.org", username=login_name,
                                password=PASSWORD)
        course = api.content.create(
            container=portal["en"], type="Course", id="intro", title="Introduction",
            projects=("wikipedia",), organisation="Wikimedia UK",
        )
        basics = api.content.create(container=course, type="Module", id="basics",
                                    title="Basics")
        check = add_quiz(basics, "check", attempts_allowed=2)
        draft = api.content.create(
            container=basics, type="Exercise", id="draft", title="Start your draft",
            check="wiki", wiki_action="create_page", title_pattern="User:{username}/Draft",
        )
        sources = api.content.create(
            container=basics, type="Exercise", id="sources", title="Cite your sources",
            check="peer", rubric=RUBRIC, instructions=rich("<p>Add sources.</p>"),
        )
        more = api.content.create(container=course, type="Module", id="more", title="More")
        practice = add_quiz(more, "practice", attempts_allowed=0, graded=False)
        article = api.content.create(
            container=more, type="Exercise", id="article", title="Write an article",
            check="wiki", wiki_action="create_page", title_pattern="{username} article",
        )
        api.content.transition(course, to_state="published")
        session = api.content.create(
            container=course, type="CourseSession", id="spring", **{
                "title": "Spring session", "start": date(2027, 3, 1), "end": date(2027, 4, 30),
                "wiki": "en.wikipedia.org", "teachers": list(teachers), **session_fields,
            },
        )
        api.content.transition(session, "open")
        add_learners(session, ["ada", "bob"], added_by="teacher")
    return {"course": course, "session": session, "check": check, "draft": draft,
            "sources": sources, "practice": practice, "article": article}


class Results:
    """What learners did, recorded where the features record it."""

    def __init__(self, portal, world):
        self.portal = portal
        self.world = world

    def attempt(self, username, quiz_name, right):
        quiz = self.world[quiz_name]
        return submit(quiz, self.world["session"], username, answers_for(quiz, right))

    def wiki_done(self, username, exercise_name, done=True):
        tracking_of(self.world["session"]).progress[
            (username, self.world[exercise_name].UID())
        ] = Progress(done=done, when="2027-03-02T10:00:00Z", revid=42)

    def peer_graded(self, login_name, points):
        """``login_name`` hands in "sources"; the teacher grades it ``points`` (None:
        handed in, not graded yet)."""
        session = self.world["session"]
        login(self.portal, login_name)
        submission = create_submission(session, self.world["sources"].UID(), "Work.", [])
        transition(submission, "submit", "")
        logout()
        if points is not None:
            with api.env.adopt_roles(["Manager"]):
                override_grade(submission, points, "Graded by the teacher.")
        return submission


def answer_check(client, world, login_name, right):
    """``login_name`` answers ``right`` of the two questions of "check" over REST."""
    response = client(login_name).post(
        "/en/intro/basics/check/@attempts",
        json={"answers": answers_for(world["check"], right)},
    )
    assert response.status_code == 201, response.text
