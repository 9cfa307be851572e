"""The site the security tests attack, populated once per test class (pytest-plone's
class-scoped functional portal, over the functional layer's HTTP server): see
security_site.py for who is who."""

from datetime import date
from plone import api
from plone.app.textfield.value import RichTextValue
from security_site import HUSH
from security_site import LEARNER
from security_site import MEMBER
from security_site import OUTSIDER
from security_site import PASSWORD
from security_site import RUBRIC
from security_site import TEACHER
from security_site import Visitor
from types import SimpleNamespace
from wikimooc.policy.enrollment import add_learners

import pytest
import transaction


@pytest.fixture(scope="class")
def visitor(functional_portal_class):
    base_url = functional_portal_class.absolute_url()

    def visitor(login=None, html=False):
        return Visitor(base_url, login, html)

    return visitor


def session_fields(title, **extra):
    return {
        "title": title, "start": date(2027, 3, 1), "end": date(2027, 4, 30),
        "wiki": "en.wikipedia.org", **extra,
    }


@pytest.fixture(scope="class")
def world(functional_portal_class, visitor):
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        for login in (MEMBER, OUTSIDER, LEARNER, TEACHER):
            api.user.create(email=f"{login}@example.org", username=login, password=PASSWORD)
        course = api.content.create(
            container=portal["en"], type="Course", id="intro", title="Introduction",
            projects=("wikipedia",), organisation="Wikimedia UK",
        )
        module = api.content.create(container=course, type="Module", id="basics", title="Basics")
        exercise = api.content.create(
            container=module, type="Exercise", id="sources", title="Cite your sources",
            check="peer", rubric=RUBRIC, instructions=RichTextValue("<p>Add sources.</p>"),
        )
        api.content.transition(course, to_state="published")
        public = api.content.create(
            container=course, type="CourseSession", id="public-session",
            **session_fields("Open session", kind="public", teachers=[TEACHER]),
        )
        hush = api.content.create(
            container=course, type="CourseSession", id="hush",
            **session_fields("Hush seminar", kind="private", enrollment_policy="key",
                             enrollment_key="pillars", teachers=[TEACHER]),
        )
        elsewhere = api.content.create(
            container=course, type="CourseSession", id="elsewhere",
            **session_fields("Elsewhere", kind="private", teachers=["otto"]),
        )
        for session in (public, hush, elsewhere):
            api.content.transition(session, "open")
        add_learners(hush, ["Quillon"], added_by=TEACHER)
        add_learners(elsewhere, ["Osric"], added_by="otto")
        add_learners(public, ["Osric"], added_by=TEACHER)
        api.portal.set_registry_record("plone.enable_sitemap", True)
    transaction.commit()

    learner, teacher = visitor(LEARNER), visitor(TEACHER)
    asked = learner.post(HUSH + "/@forum", json={
        "title": "Whisper question", "text": "<p>Whisper: where are the sources?</p>",
    })
    assert asked.status_code == 201, asked.text
    question = asked.json()["@id"]
    answered = teacher.post(question + "/@answers", json={"text": "<p>Whisper back.</p>"})
    assert answered.status_code == 201, answered.text
    drafted = learner.post(HUSH + "/@submissions", json={
        "exercise": exercise.UID(), "text": "Whisper work with sources.", "links": [],
    })
    assert drafted.status_code == 201, drafted.text
    submission = drafted.json()["@id"]
    assert learner.post(submission + "/@workflow/submit", json={}).status_code == 200
    transaction.begin()  # see what the server committed
    return SimpleNamespace(
        portal=portal, course=course, exercise=exercise, public=public, hush=hush,
        elsewhere=elsewhere, question=question, submission=submission,
    )

