"""The course dates' model: defaults week by week, instructor- and self-paced dates
for two learners who enrolled on different days, what is open, due and late,
changing the schedule (refused, with nothing changed, for bad dates), extensions."""

from course_dates_helpers import moment
from datetime import date
from datetime import timedelta
from plone import api
from wikimooc.policy.coursedates.agenda import agenda
from wikimooc.policy.coursedates.agenda import due_soon
from wikimooc.policy.coursedates.agenda import handed_in_late
from wikimooc.policy.coursedates.agenda import late_items
from wikimooc.policy.coursedates.agenda import this_week
from wikimooc.policy.coursedates.rules import extend
from wikimooc.policy.coursedates.rules import extensions
from wikimooc.policy.coursedates.rules import learner_dates
from wikimooc.policy.coursedates.rules import set_schedule
from wikimooc.policy.coursedates.schedule_table import schedule_table
from wikimooc.policy.tracking.storage import Progress
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.workflows.refusals import Refused
from zope.i18n import translate

import pytest


def opening(session, parts, username, part):
    return learner_dates(session, username)[parts[part].UID()].opens.isoformat()


def due(session, parts, username, part):
    return learner_dates(session, username)[parts[part].UID()].due.isoformat()


@pytest.mark.parametrize(
    "pacing, username, part, opens, due_on",
    [
        # Instructor-paced: the same dates for both, week by week from 1 March.
        ("instructor", "Ada", 1, "2027-03-01", "2027-03-07"),
        ("instructor", "Bob", 1, "2027-03-01", "2027-03-07"),
        ("instructor", "Ada", 3, "2027-03-15", "2027-03-21"),
        ("instructor", "Bob", 3, "2027-03-15", "2027-03-21"),
        # Self-paced: week by week from each learner's enrollment (1 and 10 March).
        ("self", "Ada", 1, "2027-03-01", "2027-03-07"),
        ("self", "Bob", 1, "2027-03-10", "2027-03-16"),
        ("self", "Ada", 2, "2027-03-08", "2027-03-14"),
        ("self", "Bob", 2, "2027-03-17", "2027-03-23"),
        ("self", "Bob", 3, "2027-03-24", "2027-03-30"),
    ],
)
def test_default_dates_spread_modules_week_by_week(
    session, parts, pacing, username, part, opens, due_on
):
    set_schedule(session, {"pacing": pacing})
    assert opening(session, parts, username, f"week{part}") == opens
    assert due(session, parts, username, f"exercise{part}") == due_on
    assert due(session, parts, username, f"quiz{part}") == due_on


@pytest.mark.parametrize(
    "username, now, status_of_week2, late_titles",
    [
        ("Ada", "2027-03-07T23:59", "locked", []),
        ("Ada", "2027-03-08T00:00", "open", ["Exercise 1", "Quiz 1"]),
        ("Bob", "2027-03-08T00:00", "locked", []),
        ("Bob", "2027-03-17T00:00", "open", ["Exercise 1", "Quiz 1"]),
        ("Bob", "2027-03-16T23:00", "locked", []),
    ],
)
def test_self_paced_learners_open_and_fall_late_on_their_own_days(
    session, parts, username, now, status_of_week2, late_titles
):
    set_schedule(session, {"pacing": "self"})
    items = {item.uid: item for item in agenda(session, username, moment(now))}
    assert items[parts["week2"].UID()].status == status_of_week2
    assert [item.title for item in late_items(session, username, moment(now))] == late_titles


def test_done_work_is_done_or_done_late_by_when_it_was_done(session, parts):
    tracking = tracking_of(session)
    tracking.progress[("Ada", parts["exercise1"].UID())] = Progress(True, "2027-03-07T22:00:00Z")
    tracking.progress[("Ada", parts["exercise2"].UID())] = Progress(True, "2027-03-15T08:00:00Z")
    items = {item.uid: item for item in agenda(session, "Ada", moment("2027-03-20"))}
    assert items[parts["exercise1"].UID()].status == "done"
    assert items[parts["exercise2"].UID()].status == "done_late"
    assert items[parts["quiz1"].UID()].status == "late"
    assert items[parts["exercise3"].UID()].status == "open"
    assert [item.title for item in late_items(session, "Ada", moment("2027-03-20"))] == [
        "Quiz 1", "Quiz 2"]
    assert [item.title for item in handed_in_late(session, "Ada", moment("2027-03-20"))] == [
        "Exercise 2"]


@pytest.mark.parametrize(
    "now, within, titles",
    [
        ("2027-03-06T00:00", timedelta(days=2), ["Exercise 1", "Quiz 1"]),
        ("2027-03-05T23:00", timedelta(days=2), []),
        ("2027-03-08T00:00", timedelta(days=2), []),
        ("2027-03-08T00:00", timedelta(days=7), ["Exercise 2", "Quiz 2"]),
    ],
)
def test_due_soon(session, parts, now, within, titles):
    assert [item.title for item in due_soon(session, "Ada", moment(now), within)] == titles


def test_this_week(session, parts):
    week = this_week(session, "Ada", moment("2027-03-09T10:00"))
    assert [item.title for item in week["opened"]] == ["Week 2"]
    assert week["next_module"].title == "Week 3"
    assert [item.title for item in week["due"]] == ["Exercise 2", "Quiz 2"]
    assert [item.title for item in week["late"]] == ["Exercise 1", "Quiz 1"]


def test_the_team_sets_dates_and_null_goes_back_to_the_default(session, parts):
    set_schedule(session, {"dates": {
        parts["week2"].UID(): {"opens": "2027-03-10"},
        parts["quiz2"].UID(): {"due": "2027-03-20", "late": "refuse"},
    }})
    table = schedule_table(session)
    week2 = table["modules"][1]
    assert (week2["opens"], week2["opens_set"]) == ("2027-03-10", True)
    # The exercise's default follows its module's opening.
    assert [(item["title"], item["due"], item["due_set"], item["late"])
            for item in week2["items"]] == [
        ("Exercise 2", "2027-03-16", False, "accept"),
        ("Quiz 2", "2027-03-20", True, "refuse"),
    ]
    set_schedule(session, {"dates": {parts["week2"].UID(): {"opens": None}}})
    assert schedule_table(session)["modules"][1]["opens"] == "2027-03-08"
    assert schedule_table(session)["modules"][1]["items"][1]["due"] == "2027-03-20"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"dates": {"QUIZ2": {"due": "2027-03-05"}}},
         "Quiz 2 serait à rendre avant l’ouverture de son module (8 mars 2027)."),  # noqa: RUF001
        ({"dates": {"QUIZ2": {"due": "2027-05-02"}}},
         "2027-05-02 est en dehors de la session (du 1 mars 2027 au 30 avril 2027)."),
        ({"dates": {"WEEK2": {"opens": "2027-02-20"}}},
         "2027-02-20 est en dehors de la session (du 1 mars 2027 au 30 avril 2027)."),
        ({"dates": {"WEEK2": {"opens": "8 March"}}},
         "8 March n’est pas une date : écrivez-la AAAA-MM-JJ."),  # noqa: RUF001
        ({"dates": {"WEEK2": {"due": "2027-03-09"}}},
         "Les modules ont une date d’ouverture ; les exercices et quiz une date de rendu."),  # noqa: RUF001
        ({"dates": {"WEEK2": {"late": "refuse"}}},
         "Les modules ont une date d’ouverture ; les exercices et quiz une date de rendu."),  # noqa: RUF001
        ({"dates": {"QUIZ2": {"late": "maybe"}}},
         "« late » vaut « accept » ou « refuse »."),
        ({"pacing": "self", "dates": {"QUIZ2": {"due": "2027-03-09"}}},
         "En rythme libre, les dates sont des nombres entiers de jours après l’inscription,"  # noqa: RUF001
         " de 0 à 60."),
        ({"pacing": "weekly"}, "« pacing » vaut « instructor » ou « self »."),
        ({"dates": {"nothing": {"due": "2027-03-09"}}},
         "Ce cours n’a pas de module, d’exercice ni de quiz nothing."),  # noqa: RUF001
    ],
)
def test_bad_dates_are_refused_in_french_and_nothing_changes(session, parts, change, message):
    set_schedule(session, {"dates": {parts["quiz1"].UID(): {"due": "2027-03-06"}}})
    before = schedule_table(session)
    names = {"QUIZ2": parts["quiz2"].UID(), "WEEK2": parts["week2"].UID()}
    change = {**change, "dates": {names.get(uid, uid): value
                                  for uid, value in change.get("dates", {}).items()}}
    with pytest.raises(Refused) as refused:
        set_schedule(session, change)
    assert translate(refused.value.message, target_language="fr") == message
    assert refused.value.status == 400
    assert schedule_table(session) == before


def test_a_session_without_a_saved_schedule_locks_and_dues_nothing(make_session, parts):
    unscheduled = make_session(id="autumn")
    assert schedule_table(unscheduled)["scheduled"] is False
    assert schedule_table(unscheduled)["modules"][2]["opens"] == "2027-03-15"
    assert learner_dates(unscheduled, "Ada") == {}
    assert agenda(unscheduled, "Ada", moment("2027-05-01")) == []
    set_schedule(unscheduled, {})
    assert schedule_table(unscheduled)["scheduled"] is True
    assert len(late_items(unscheduled, "Ada", moment("2027-05-01"))) == 6


def test_changing_the_pacing_starts_from_the_defaults(session, parts):
    set_schedule(session, {"dates": {parts["week2"].UID(): {"opens": "2027-03-20"}}})
    set_schedule(session, {"pacing": "self", "dates": {parts["week2"].UID(): {"opens": 3}}})
    assert schedule_table(session)["modules"][1]["opens"] == 3
    assert opening(session, parts, "Bob", "week2") == "2027-03-13"
    set_schedule(session, {"pacing": "instructor"})
    assert schedule_table(session)["modules"][1]["opens"] == "2027-03-08"


def test_an_extension_moves_one_learners_due_date_and_is_kept(session, parts):
    uid = parts["exercise1"].UID()
    extend(session, "Bob", uid, "2027-03-10", "Ill", "teacher", moment("2027-03-05"))
    extend(session, "Bob", uid, "2027-03-12", "Still ill", "teacher", moment("2027-03-09"))
    assert due(session, parts, "Bob", "exercise1") == "2027-03-12"
    assert due(session, parts, "Ada", "exercise1") == "2027-03-07"
    assert [(name, found.due, found.reason) for _uid, name, found in extensions(session)] == [
        ("Bob", "2027-03-10", "Ill"), ("Bob", "2027-03-12", "Still ill")]
    assert [item.title for item in late_items(session, "Bob", moment("2027-03-11"))] == ["Quiz 1"]
    assert {item.title: item.extended for item in agenda(session, "Bob", moment("2027-03-11"))
            }["Exercise 1"] is True


@pytest.mark.parametrize(
    "learner, item, new_due, reason, message",
    [
        ("Cleo", "exercise1", "2027-03-10", "Ill", "Cleo n’est pas apprenant·e de cette session."),  # noqa: RUF001
        ("Bob", "lesson1", "2027-03-10", "Ill", None),
        ("Bob", "exercise1", "2027-03-06", "Ill",
         "Une prolongation donne une date après la date de rendu (7 mars 2027)."),
        ("Bob", "exercise1", "soon", "Ill", "soon n’est pas une date : écrivez-la AAAA-MM-JJ."),  # noqa: RUF001
        ("Bob", "exercise1", "2027-03-10", "  ", "Une prolongation a besoin d’une raison."),  # noqa: RUF001
    ],
)
def test_bad_extensions_are_refused(session, parts, learner, item, new_due, reason, message):
    with pytest.raises(Refused) as refused:
        extend(session, learner, parts[item].UID(), new_due, reason, "teacher",
               moment("2027-03-05"))
    if message is None:
        message = f"Ce cours n’a pas d’exercice ni de quiz {parts[item].UID()}."  # noqa: RUF001
    assert translate(refused.value.message, target_language="fr") == message
    assert list(extensions(session)) == []
    assert learner_dates(session, "Bob")[parts["exercise1"].UID()].due == date(2027, 3, 16) \
        or learner_dates(session, "Bob")[parts["exercise1"].UID()].due == date(2027, 3, 7)


def test_a_copied_session_starts_without_a_schedule_or_extensions(session, parts):
    extend(session, "Bob", parts["exercise1"].UID(), "2027-03-10", "Ill", "teacher",
           moment("2027-03-05"))
    with api.env.adopt_roles(["Manager"]):
        copy = api.content.copy(source=session, target=session.__parent__, id="copy")
    assert schedule_table(copy)["scheduled"] is False
    assert list(extensions(copy)) == []
    assert schedule_table(session)["scheduled"] is True and len(list(extensions(session))) == 1
