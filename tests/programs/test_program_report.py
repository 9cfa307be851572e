"""A program's figures from its sessions' stored summaries: totals, per wiki, per
session and per week; nested programs and cycles; learners and edits counted once."""

from plone import api
from recorded_edits import contribution
from wikimooc.policy.programs.report import program_report
from wikimooc.policy.programs.summary import refresh_summary
from wikimooc.policy.tracking.storage import tracking_of

import pytest


@pytest.fixture
def two_sessions(tracked):
    spring = tracked("spring", ["Ada", "Bob", "Cleo"], [
        contribution("Ada", "2027-03-02T10:00:00Z", "Ada Lovelace", 300, new=True),
        contribution("Ada", "2027-03-03T10:00:00Z", "Ada Lovelace", -20),
        contribution("Bob", "2027-03-10T10:00:00Z", "Grace Hopper", 50),
        contribution("Zed", "2027-03-10T10:00:00Z", "Not a learner", 999),
    ])
    commons = tracked("commons", ["Ada", "Dan"], [
        contribution("Dan", "2027-03-09T10:00:00Z", "File:Bridge.jpg", 2000, new=True,
                     namespace=6),
        contribution("Dan", "2027-03-16T10:00:00Z", "File:Bridge.jpg", 15, namespace=6),
    ], wiki="commons.wikimedia.org")
    return spring, commons


def test_totals_add_up_the_sessions_and_count_a_learner_once(two_sessions, make_program):
    report = program_report(make_program("year", sessions=two_sessions))
    totals = report["totals"]
    assert totals["enrolled"] == 4  # Ada is in both sessions
    assert totals["editing"] == 3
    assert totals["edits"] == 5  # Zed's edit is no learner's
    assert totals["pages_created"] == 2
    assert totals["pages_edited"] == 3
    assert totals["bytes_added"] == 300 + 50 + 2000 + 15
    assert totals["uploads"] == 1
    assert report["sessions_total"] == 2 and report["sessions_waiting"] == 0


def test_figures_per_wiki_and_per_session(two_sessions, make_program):
    report = program_report(make_program("year", sessions=two_sessions))
    wikis = {wiki["wiki"]: wiki for wiki in report["wikis"]}
    assert wikis["en.wikipedia.org"]["edits"] == 3 and wikis["en.wikipedia.org"]["uploads"] == 0
    assert wikis["commons.wikimedia.org"]["uploads"] == 1
    assert wikis["commons.wikimedia.org"]["enrolled"] == 2
    rows = {row["title"]: row for row in report["sessions"]}
    assert rows["spring"]["figures"]["editing"] == 2 and rows["commons"]["figures"]["edits"] == 2


def test_edits_per_week_start_on_mondays(two_sessions, make_program):
    report = program_report(make_program("year", sessions=two_sessions))
    assert report["weeks"] == [
        {"week": "2027-03-01", "edits": 2},
        {"week": "2027-03-08", "edits": 2},
        {"week": "2027-03-15", "edits": 1},
    ]


def test_nested_programs_count_a_shared_session_and_learner_once(tracked, make_program):
    first = tracked("first", ["Ada", "Bob"], [contribution("Ada", "2027-03-02T10:00:00Z")])
    second = tracked("second", ["Ada", "Cleo"], [contribution("Cleo", "2027-03-02T11:00:00Z")])
    inner = make_program("inner", sessions=[first, second])
    outer = make_program("outer", sessions=[first], programs=[inner])
    report = program_report(outer)
    assert report["sessions_total"] == 2
    assert report["totals"]["enrolled"] == 3 and report["totals"]["edits"] == 2


def test_an_edit_recorded_by_two_sessions_of_one_wiki_counts_once(tracked, make_program):
    same = contribution("Ada", "2027-03-02T10:00:00Z", sizediff=40)
    first = tracked("first", ["Ada"], [same])
    second = tracked("second", ["Ada"], [same])
    totals = program_report(make_program("p", sessions=[first, second]))["totals"]
    assert totals["edits"] == 1 and totals["bytes_added"] == 40


def test_a_cycle_of_programs_ends_where_it_closes(tracked, make_program):
    session = tracked("only", ["Ada"], [contribution("Ada", "2027-03-02T10:00:00Z")])
    first = make_program("first", sessions=[session])
    second = make_program("second", programs=[first])
    first.programs = [second.UID()]
    assert program_report(first)["totals"]["edits"] == 1
    assert program_report(second)["sessions_total"] == 1


@pytest.mark.parametrize(("timestamp", "retained_30", "retained_90"), [
    ("2027-03-20T10:00:00Z", 0, 0),  # during the session
    ("2027-05-02T10:00:00Z", 1, 0),  # 31 days after the end
    ("2027-07-01T10:00:00Z", 1, 1),  # 91 days after the end
])
def test_retention_counts_edits_after_the_end(tracked, make_program, timestamp,
                                              retained_30, retained_90):
    api.portal.set_registry_record("wikimooc.tracking_grace_days", 120)
    session = tracked("backdated", ["Ada", "Bob"], [contribution("Ada", timestamp)])
    report = program_report(make_program("p", sessions=[session]))
    assert report["totals"]["retained_30"] == retained_30
    assert report["totals"]["retained_90"] == retained_90
    assert report["retention_measured"] == {"30": True, "90": True}


def test_retention_beyond_the_grace_period_is_marked_unmeasured(tracked, make_program):
    api.portal.set_registry_record("wikimooc.tracking_grace_days", 30)
    session = tracked("short", ["Ada"])
    assert program_report(make_program("p", sessions=[session]))["retention_measured"] == {
        "30": True, "90": False}


def test_wikidata_statements_are_read_from_wikibase_summaries(tracked, make_program):
    session = tracked("data", ["Ada"], [
        contribution("Ada", "2027-03-02T10:00:00Z", "Q42", 300,
                     comment="/* wbcreateclaim-create:1| */ [[Property:P31]]: [[Q5]]"),
        contribution("Ada", "2027-03-02T11:00:00Z", "Q42", 30,
                     comment="/* wbsetlabel-add:1|fr */ Douglas Adams"),
    ], wiki="www.wikidata.org")
    totals = program_report(make_program("p", sessions=[session]))["totals"]
    assert totals["statements"] == 1 and totals["edits"] == 2


def test_new_editors_registered_within_the_session(tracked, make_program):
    session = tracked("new", ["Ada", "Bob"])
    with api.env.adopt_roles(["Manager"]):
        for login, registered in (("ada", "2027-03-05T09:00:00Z"), ("bob", "2019-01-01T09:00:00Z")):
            member = api.user.create(email=f"{login}@example.org", username=login,
                                     password="secret-pw-123")
            member.setMemberProperties({"wiki_username": login.title(),
                                        "wiki_registered": registered})
            session.enrollments.learners[login.title()] = \
                session.enrollments.learners[login.title()]._replace(user_id=member.getId())
    refresh_summary(session)
    assert program_report(make_program("p", sessions=[session]))["totals"]["new_editors"] == 1


def test_a_session_waits_for_its_first_summary(tracked, make_program, course):
    with api.env.adopt_roles(["Manager"]):
        fresh = api.content.create(container=course, type="CourseSession", id="fresh",
                                   title="Fresh", wiki="en.wikipedia.org")
    report = program_report(make_program("p", sessions=[fresh]))
    assert report["sessions_waiting"] == 1 and report["sessions"][0]["figures"] is None


def test_the_page_reads_only_stored_summaries(tracked, make_program):
    """New contributions change nothing until the summary is refreshed."""
    session = tracked("s", ["Ada"], [contribution("Ada", "2027-03-02T10:00:00Z")])
    program = make_program("p", sessions=[session])
    tracking_of(session).record(contribution("Ada", "2027-03-03T10:00:00Z"))
    assert program_report(program)["totals"]["edits"] == 1
    refresh_summary(session)
    assert program_report(program)["totals"]["edits"] == 2


COMMONS = "commons.wikimedia.org"


def test_a_session_counts_on_each_wiki_it_follows(tracked, make_program):
    """Revision ids are unique on their wiki only: the same id on the home wiki and
    on Commons is two edits; the same id on Commons in two sessions is one."""
    upload = contribution("Dan", "2027-03-09T10:00:00Z", "File:Bridge.jpg", 2000, new=True,
                          namespace=6, revid=77)
    first = tracked("first", ["Ada", "Dan"], [
        contribution("Ada", "2027-03-02T10:00:00Z", "Ada Lovelace", 300, new=True, revid=77),
    ], elsewhere={COMMONS: [upload]}, other_wikis=[COMMONS])
    second = tracked("second", ["Dan"], elsewhere={COMMONS: [upload]}, other_wikis=[COMMONS])
    report = program_report(make_program("p", sessions=[first, second]))
    totals = report["totals"]
    assert (totals["edits"], totals["uploads"], totals["bytes_added"]) == (2, 1, 2300)
    assert (totals["enrolled"], totals["editing"], totals["pages_edited"]) == (2, 2, 2)
    wikis = {wiki["wiki"]: wiki for wiki in report["wikis"]}
    assert list(wikis) == [COMMONS, "en.wikipedia.org"]
    assert (wikis[COMMONS]["edits"], wikis[COMMONS]["uploads"]) == (1, 1)
    assert (wikis[COMMONS]["enrolled"], wikis[COMMONS]["editing"]) == (2, 1)
    assert (wikis["en.wikipedia.org"]["edits"], wikis["en.wikipedia.org"]["uploads"]) == (1, 0)
    rows = {row["title"]: row for row in report["sessions"]}
    assert rows["first"]["wikis"] == ["en.wikipedia.org", COMMONS]
    assert rows["first"]["figures"]["edits"] == 2 and rows["second"]["figures"]["uploads"] == 1
    assert report["weeks"] == [{"week": "2027-03-01", "edits": 1},
                               {"week": "2027-03-08", "edits": 1}]


def test_retention_counts_the_edits_on_every_wiki(tracked, make_program):
    api.portal.set_registry_record("wikimooc.tracking_grace_days", 120)
    session = tracked("late", ["Ada", "Bob"], [
        contribution("Bob", "2027-03-20T10:00:00Z"),
    ], elsewhere={COMMONS: [contribution("Ada", "2027-05-02T10:00:00Z", "File:Late.jpg")]},
        other_wikis=[COMMONS])
    report = program_report(make_program("p", sessions=[session]))
    assert (report["totals"]["editing"], report["totals"]["retained_30"]) == (2, 1)
    wikis = {wiki["wiki"]: wiki for wiki in report["wikis"]}
    assert (wikis[COMMONS]["retained_30"], wikis["en.wikipedia.org"]["retained_30"]) == (1, 0)
