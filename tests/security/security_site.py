"""Who attacks the site of tests/security (conftest.py populates it) and what they
look for.

The published course "Introduction" has a public session and two private ones:
"Hush seminar" (``/en/intro/hush``), the target, taught by Tamsin, where the
learner Quillon asked a question (answered by Tamsin) and handed in work for a
peer-reviewed exercise; and "Elsewhere", where Osric learns. Every private thing
the tests look for carries words found nowhere else, capitalised, unlike the
addresses a visitor may know (``/en/intro/hush``): ``Hush seminar`` (the session's
title), ``Quillon`` (its learner's wiki username), ``Whisper`` (the question, the
answer and the work)."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from wikimooc.policy.forum.storage import forum_of

import requests
import transaction


PASSWORD = "secret-pw-123"
ANONYMOUS, MEMBER, OUTSIDER, LEARNER, TEACHER, MANAGER = (
    None, "mallory", "osric", "quillon", "tamsin", "manager",
)
# Who may not see the private session, and who may.
STRANGERS = (ANONYMOUS, MEMBER, OUTSIDER)
INSIDERS = (LEARNER, TEACHER)
ACTOR_IDS = {None: "anonymous", MEMBER: "member", OUTSIDER: "learner-elsewhere",
             LEARNER: "learner", TEACHER: "teacher", MANAGER: "manager"}
SECRETS = ("Hush seminar", "Quillon", "Whisper")
HUSH = "/en/intro/hush"
RUBRIC = {"criteria": [{"title": "Sources", "levels": [
    {"title": "None", "points": 0}, {"title": "Reliable", "points": 2},
]}]}


def actor_id(actor):
    return ACTOR_IDS[actor]


class Visitor:
    """HTTP as ``login`` (None: anonymous) against the test server: JSON by default,
    pages with ``html=True``."""

    def __init__(self, base_url, login=None, html=False):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers["Accept"] = "text/html" if html else "application/json"
        if login == MANAGER:
            self.session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        elif login:
            self.session.auth = (login, PASSWORD)

    def __getattr__(self, method):
        def call(path, **kwargs):
            url = path if path.startswith("http") else self.base_url + path
            kwargs.setdefault("allow_redirects", False)
            return self.session.request(method.upper(), url, timeout=60, **kwargs)

        return call


def leaks(text):
    """The private words ``text`` shows."""
    return [secret for secret in SECRETS if secret in text]


def state(world):
    """What a refused write might have changed."""
    transaction.begin()
    hush = world.hush
    question = hush.unrestrictedTraverse(world.question.rsplit("/", 1)[1])
    submission = hush.unrestrictedTraverse(world.submission.rsplit("/", 1)[1])
    forum = forum_of(hush, create=False)
    return {
        "title": hush.title,
        "state": api.content.get_state(hush),
        "learners": sorted(hush.enrollments.learners),
        "teachers": list(hush.teachers),
        "blocked": sorted(forum.blocked) if forum else [],
        "question": api.content.get_state(question),
        "submission": api.content.get_state(submission),
        "grade": getattr(submission, "grade", None),
        "children": sorted(hush.objectIds()),
    }
