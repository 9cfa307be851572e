"""Nothing of a private session's grades leaks: its grade book, a learner's detail,
the CSV, the grading policy (read and write) and the learners' own grades, asked
for by anonymous visitors, a plain member and a learner of another session, over
REST and as pages. Its learner sees their own grades only; its teacher sees all."""

from datetime import date
from grade_world import build_course
from grade_world import PASSWORD
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from quiz_answers import answers_for
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.grades.settings import grading_policy
from wikimooc.policy.quiz.attempts import submit

import pytest
import requests
import transaction


HUSH = "/en/intro/spring"
SECRETS = ("Hush seminar", "Quillon")
ANONYMOUS, MEMBER, OUTSIDER, LEARNER, OTHER_LEARNER, TEACHER = (
    None, "cleo", "osric", "quillon", "bob", "teacher")
STRANGERS = (ANONYMOUS, MEMBER, OUTSIDER)
REFUSED = (401, 403, 404)


def leaks(text):
    return [secret for secret in SECRETS if secret in text]


@pytest.fixture(scope="class")
def hush(functional_portal_class):
    """The private session "Hush seminar", where Quillon (who answered its quiz) and
    Bob learn; Osric learns in another private session."""
    portal = functional_portal_class
    world = build_course(portal, kind="private", title="Hush seminar",
                         enrollment_policy="invitation")
    with api.env.adopt_roles(["Manager"]):
        for login_name in ("quillon", "osric"):
            api.user.create(email=f"{login_name}@example.org", username=login_name,
                            password=PASSWORD)
        add_learners(world["session"], ["quillon"], added_by="teacher")
        elsewhere = api.content.create(
            container=world["course"], type="CourseSession", id="elsewhere", title="Elsewhere",
            kind="private", start=date(2027, 3, 1), end=date(2027, 4, 30),
            wiki="en.wikipedia.org",
        )
        api.content.transition(elsewhere, "open")
        add_learners(elsewhere, ["osric"], added_by="admin")
    submit(world["check"], world["session"], "Quillon", answers_for(world["check"], 2))
    transaction.commit()
    return {**world, "base": portal.absolute_url()}


def visit(hush, login_name, method, path, html=False, **kwargs):
    session = requests.Session()
    session.headers["Accept"] = "text/html" if html else "application/json"
    if login_name == "manager":
        session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    elif login_name:
        session.auth = (login_name, PASSWORD)
    return session.request(method, hush["base"] + path, timeout=60, allow_redirects=False,
                           **kwargs)


def refused(response, html):
    if html and response.status_code == 302:
        return "login" in response.headers["Location"]
    return response.status_code in REFUSED


# (what, path, page?): only the teaching team reads these.
TEAM_READS = [
    ("grade book", "/@gradebook", False),
    ("a learner's grades", "/@gradebook/Quillon", False),
    ("grading policy", "/@grading-policy", False),
    ("grade book page", "/@@gradebook", True),
    ("grade book CSV", "/@@gradebook.csv", True),
    ("a learner's page", "/@@gradebook-learner?learner=Quillon", True),
    ("grading policy page", "/@@grading-policy", True),
]
OWN = [("own grades", "/@my-grades", False), ("own grades page", "/@@my-grades", True)]


def ids(rows):
    return [row[0] for row in rows]


def actor_id(actor):
    return actor or "anonymous"


class TestPrivateGrades:
    @pytest.mark.parametrize("what, path, html", TEAM_READS + OWN, ids=ids(TEAM_READS + OWN))
    @pytest.mark.parametrize("actor", STRANGERS, ids=actor_id)
    def test_strangers_are_refused(self, hush, actor, what, path, html):
        response = visit(hush, actor, "GET", HUSH + path, html)
        assert refused(response, html), (response.status_code, response.text[:300])
        assert leaks(response.text) == []

    @pytest.mark.parametrize("what, path, html", TEAM_READS, ids=ids(TEAM_READS))
    @pytest.mark.parametrize("actor", (LEARNER, OTHER_LEARNER), ids=actor_id)
    def test_learners_do_not_read_the_grade_book(self, hush, actor, what, path, html):
        response = visit(hush, actor, "GET", HUSH + path, html)
        assert refused(response, html), (response.status_code, response.text[:300])
        assert "Quillon" not in response.text

    @pytest.mark.parametrize("what, path, html", TEAM_READS, ids=ids(TEAM_READS))
    @pytest.mark.parametrize("actor", (TEACHER, "manager"))
    def test_the_team_reads_it(self, hush, actor, what, path, html):
        response = visit(hush, actor, "GET", HUSH + path, html)
        assert response.status_code == 200, response.text[:300]
        if "policy" not in what:
            assert "Quillon" in response.text

    @pytest.mark.parametrize("what, path, html", OWN, ids=ids(OWN))
    def test_a_learner_reads_only_their_own(self, hush, what, path, html):
        mine = visit(hush, LEARNER, "GET", HUSH + path, html)
        assert mine.status_code == 200 and "100" in mine.text
        others = visit(hush, OTHER_LEARNER, "GET", HUSH + path, html)
        assert others.status_code == 200 and "Quillon" not in others.text
        if not html:  # (a page repeats its query in its language links)
            asked = visit(hush, OTHER_LEARNER, "GET", HUSH + path + "?learner=Quillon")
            assert asked.json()["wiki_username"] == "Bob"

    @pytest.mark.parametrize("actor", (*STRANGERS, LEARNER), ids=actor_id)
    def test_only_the_team_changes_the_grading_policy(self, hush, actor):
        before = grading_policy(hush["session"])
        response = visit(hush, actor, "PATCH", HUSH + "/@grading-policy", json={"pass_mark": 1})
        assert response.status_code in REFUSED and leaks(response.text) == []
        page = visit(hush, actor, "POST", HUSH + "/@@change-grading-policy", html=True,
                     data={"pass_mark": "1"})
        assert refused(page, True) or page.status_code == 403
        transaction.begin()
        assert grading_policy(hush["session"]) == before
