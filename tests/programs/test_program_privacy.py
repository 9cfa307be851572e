"""A public program over a public and a private session, seen by a visitor, a
member and the private session's teacher: the private session counts only for
whoever may see it, and no page, export or REST answer names a learner."""

from plone import api
from plone.app.multilingual.api import translate
from recorded_edits import contribution
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.programs.summary import refresh_summary
from wikimooc.policy.tracking.storage import tracking_of

import pytest
import transaction


SECRET_LEARNER = "Secretlearner Quiet"
REAL_NAME = "Augusta Ada King"


@pytest.fixture
def program(site):
    with api.env.adopt_roles(["Manager"]):
        member = api.user.get(username="ada")
        member.setMemberProperties({"fullname": REAL_NAME, "wiki_username": "Ada"})
        for kind, learners, edits in (("public", ["Ada", "Bob"], 1),
                                      ("private", [SECRET_LEARNER, "Cleo"], 3)):
            session = site[kind]
            add_learners(session, learners, added_by="teacher")
            for number in range(edits):
                tracking_of(session).record(contribution(
                    learners[0], f"2027-03-0{number + 2}T10:00:00Z", f"{kind} page {number}"))
            if kind == "private":
                enroll(session, api.user.get(username="dan"), key="pillars")
            refresh_summary(session)
        program = api.content.create(
            container=site["portal"]["en"], type="Program", id="year", title="Our year",
            organisation="Wikimedia UK",
            sessions=[site["public"].UID(), site["private"].UID()],
        )
        api.content.transition(program, "publish")
    transaction.commit()
    return program


@pytest.mark.parametrize(("login", "sessions", "enrolled", "edits"), [
    (None, 1, 2, 1),
    ("bob", 1, 2, 1),  # a member, not in the private session
    ("dan", 2, 5, 4),  # a learner of the private session
    ("teacher", 2, 5, 4),
    ("manager", 2, 5, 4),
])
def test_private_sessions_count_only_for_who_may_see_them(program, client, login, sessions,
                                                          enrolled, edits):
    answer = client(login).get(program.absolute_url() + "/@report")
    assert answer.status_code == 200
    report = answer.json()
    assert report["sessions_total"] == sessions
    assert report["totals"]["enrolled"] == enrolled and report["totals"]["edits"] == edits
    assert len(report["sessions"]) == sessions


@pytest.mark.parametrize("address", ["/@report", "/@@report.csv", "/@@report.json", ""])
@pytest.mark.parametrize("login", [None, "bob", "dan", "teacher"])
def test_no_channel_names_a_learner(program, client, address, login):
    answer = client(login).get(program.absolute_url() + address,
                               headers={"Accept": "*/*" if address != "/@report" else
                                        "application/json"})
    assert answer.status_code == 200
    for name in (SECRET_LEARNER, "Secretlearner", REAL_NAME, "Cleo"):
        assert name not in answer.text
    if login is None:
        assert "Private session" not in answer.text


def test_a_private_program_is_not_seen_by_visitors(program, client):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(program, "retract")
    transaction.commit()
    assert client(None).get(program.absolute_url() + "/@report").status_code == 401
    assert client("teacher").get(program.absolute_url() + "/@report").status_code == 401
    assert client("manager").get(program.absolute_url() + "/@report").status_code == 200


def test_the_csv_has_totals_wikis_and_sessions(program, client):
    lines = client("teacher").get(program.absolute_url() + "/@@report.csv").content.decode(
        "utf-8-sig").splitlines()
    assert lines[0].startswith("Scope,Name,Wiki,Learners enrolled")
    assert lines[1].startswith("Total,Our year,,5,2,")
    assert [line.split(",")[0] for line in lines[1:]] == ["Total", "Wiki", "Session", "Session"]


def test_the_french_translation_of_a_program_speaks_french(program, client):
    with api.env.adopt_roles(["Manager"]):
        french = translate(program, "fr")
        french.title = "Notre année"
        french.sessions = list(program.sessions)
        api.content.transition(french, "publish")
    transaction.commit()
    assert french.aq_parent.getId() == "fr"
    page = client(None).get(french.absolute_url(), headers={"Accept": "text/html"}).text
    assert "Modifications par semaine" in page and "Apprenants inscrits" in page
    assert "Télécharger (CSV)" in page
    assert "Chiffres sur 1 session que vous pouvez voir" in page


def test_a_visitor_sees_the_figures_the_worker_refreshed(program, site, client):
    """Anonymous pages are kept in RAM (plone.app.caching, the page cache) until
    something catalogued changes: a refreshed summary must show all the same."""
    visitor = client(None)
    visitor.session.headers["Accept"] = "text/html"
    before = visitor.get(program.absolute_url()).text
    assert 'data-figure="edits">1<' in before
    with api.env.adopt_roles(["Manager"]):
        tracking_of(site["public"]).record(contribution("Ada", "2027-03-20T10:00:00Z"))
        refresh_summary(site["public"])
    transaction.commit()
    assert 'data-figure="edits">2<' in visitor.get(program.absolute_url()).text


@pytest.mark.parametrize("login", [None, "teacher"])
def test_the_json_export_is_the_rest_report(program, client, login):
    visitor = client(login)
    exported = visitor.get(program.absolute_url() + "/@@report.json",
                           headers={"Accept": "*/*"})
    assert exported.headers["Content-Type"].startswith("application/json")
    assert exported.json() == visitor.get(program.absolute_url() + "/@report").json()
