"""What the course dates give other features: the announcements' audience of learners
behind schedule (missing work past its due date), the reminder of work due within
48 hours (told once per due date), and late and missing work in the grade book."""

from course_dates_helpers import moment
from datetime import date
from wikimooc.policy.announcements.audiences import AUDIENCES
from wikimooc.policy.announcements.reminders import REMINDER_KINDS
from wikimooc.policy.coursedates.rules import extend
from wikimooc.policy.coursedates.rules import set_schedule
from wikimooc.policy.grades.book import grade_book
from wikimooc.policy.tracking.storage import Progress
from wikimooc.policy.tracking.storage import tracking_of
from zope.i18n import translate

import pytest


def behind(session):
    return AUDIENCES["behind_schedule"].select(session, ())


def reminded(session, username, now):
    enrollment = session.enrollments.learners[username]
    return REMINDER_KINDS["due_soon"].find(session, enrollment, None, moment(now))


@pytest.mark.parametrize(
    "now, expected",
    [
        ("2027-03-07T23:59", []),
        # Week 1's exercise and quiz are due on 7 March for both (instructor-paced).
        ("2027-03-08T00:00", ["Ada", "Bob"]),
    ],
)
def test_behind_schedule_are_those_with_missing_work(session, set_now, now, expected):
    set_now(now)
    assert behind(session) == expected


def test_an_extension_takes_a_learner_out_of_behind_schedule(session, parts, set_now):
    set_now("2027-03-08T00:00")
    for item in ("exercise1", "quiz1"):
        extend(session, "Ada", parts[item].UID(), "2027-03-14", "Ill", "teacher",
               moment("2027-03-08T00:00"))
    assert behind(session) == ["Bob"]


def test_self_paced_learners_fall_behind_on_their_own_days(session, set_now):
    set_schedule(session, {"pacing": "self"})
    set_now("2027-03-08T00:00")
    assert behind(session) == ["Ada"]  # Bob enrolled on 10 March


def test_a_session_without_a_schedule_has_nobody_behind(make_session, learners, set_now):
    from wikimooc.policy.enrollment import enroll

    unscheduled = make_session(id="autumn", start=date(2027, 3, 1), end=date(2027, 4, 30))
    enroll(unscheduled, learners["ada"])
    set_now("2030-01-01T00:00")
    assert behind(unscheduled) == []


@pytest.mark.parametrize(
    "now, titles",
    [
        ("2027-03-05T23:00", []),
        ("2027-03-06T00:00", ["Exercise 1", "Quiz 1"]),
        ("2027-03-08T00:00", []),
    ],
)
def test_work_due_within_48_hours_is_reminded(session, now, titles):
    items = reminded(session, "Ada", now)
    assert [item.message.mapping["title"] for item in items] == titles
    assert all(item.message.mapping["date"] == "2027-03-07" for item in items)


@pytest.mark.parametrize("language, line", [
    ("en", "“Exercise 1” is due on March 7, 2027: "),
    ("fr", "« Exercise 1 » est à rendre le 7 mars 2027 : "),
    ("de", "7. März 2027"),
    ("ar", "7 مارس 2027"),
])
def test_the_reminder_writes_the_due_day_in_the_readers_language(session, language, line):
    """A mail's line, as the digest translates it into the learner's language (the
    German and Arabic messages are not translated yet: their dates are)."""
    [first, _quiz] = reminded(session, "Ada", "2027-03-06T00:00")
    written = translate(first.message, target_language=language)
    assert line in written and "2027-03-07" not in written


def test_each_due_date_is_told_once_and_an_extension_is_told_again(session, parts):
    before = {item.key for item in reminded(session, "Ada", "2027-03-06T00:00")}
    assert len(before) == 2
    extend(session, "Ada", parts["quiz1"].UID(), "2027-03-08", "Ill", "teacher",
           moment("2027-03-06T00:00"))
    after = {item.key for item in reminded(session, "Ada", "2027-03-07T00:00")}
    assert len(after) == 2
    assert len(before & after) == 1  # the exercise's; the quiz's due date moved


def test_the_grade_book_flags_late_and_missing_work(session, parts, set_now):
    tracking = tracking_of(session)
    tracking.progress[("Ada", parts["exercise1"].UID())] = Progress(True, "2027-03-07T22:00:00Z")
    tracking.progress[("Ada", parts["exercise2"].UID())] = Progress(True, "2027-03-15T08:00:00Z")
    set_now("2027-03-20T00:00")
    _columns, rows = grade_book(session, {})
    ada = {item["title"]: item for item in rows[0]["items"]}
    assert rows[0]["wiki_username"] == "Ada"
    flags = {title: (item["due"], item["late"], item["missing"]) for title, item in ada.items()}
    assert flags == {
        "Exercise 1": ("2027-03-07", False, False),
        "Quiz 1": ("2027-03-07", False, True),
        "Exercise 2": ("2027-03-14", True, False),
        "Quiz 2": ("2027-03-14", False, True),
        "Exercise 3": ("2027-03-21", False, False),
        "Quiz 3": ("2027-03-21", False, False),
    }


def test_without_a_schedule_the_grade_book_flags_nothing(make_session, parts, learners):
    from wikimooc.policy.enrollment import enroll

    unscheduled = make_session(id="autumn", start=date(2027, 3, 1), end=date(2027, 4, 30))
    enroll(unscheduled, learners["ada"])
    _columns, rows = grade_book(unscheduled, {})
    assert all(item["due"] is None and not item["late"] and not item["missing"]
               for item in rows[0]["items"])
