"""The dashboard's CSV and the course dates: with a schedule, each learner's late
work (done after its due date) and missing work (past due, not done), counted and
by title, as the dashboard shows them; without one, no such columns."""

from course_dates_helpers import moment
from wikimooc.policy.coursedates.rules import extend
from wikimooc.policy.tracking.storage import Progress
from wikimooc.policy.tracking.storage import tracking_of

import csv
import io
import pytest
import transaction


COLUMNS = ["wiki_username", "exercises_done", "edits", "pages_created", "pages_edited",
           "bytes_added", "last_edit", "unknown_on_wiki", "contributions"]
WORK_COLUMNS = ["late_count", "missing_count", "late_work", "missing_work"]


def exported(client, session):
    response = client("teacher").get(session.absolute_url() + "/@@dashboard.csv")
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "now, bob_extended_to, ada, bob",
    [
        # Before the first due date (Week 1's work, 14 March): nothing late or missing.
        ("2027-03-10", None, ["0", "0", "", ""], ["0", "0", "", ""]),
        # After it: Ada did Exercise 1 on 16 March, late; neither answered Quiz 1.
        ("2027-03-17", None, ["1", "1", "Exercise 1", "Quiz 1"],
         ["0", "2", "", "Exercise 1; Quiz 1"]),
        # Bob's Exercise 1 extended to 20 March is not missing on the 17th.
        ("2027-03-17", "2027-03-20", ["1", "1", "Exercise 1", "Quiz 1"],
         ["0", "1", "", "Quiz 1"]),
        # After the last due date (28 March): the rest of the course is missing.
        ("2027-03-29", None,
         ["1", "5", "Exercise 1", "Quiz 1; Exercise 2; Quiz 2; Exercise 3; Quiz 3"],
         ["0", "6", "", "Exercise 1; Quiz 1; Exercise 2; Quiz 2; Exercise 3; Quiz 3"]),
    ],
)
def test_the_csv_gives_late_and_missing_work_of_a_scheduled_session(
    dated, site, client, set_now, now, bob_extended_to, ada, bob
):
    transaction.begin()  # sees the enrollments made over HTTP
    session = site["public"]
    exercise = dated["exercise1"]
    ada_did_it = "2027-03-16T10:00:00"
    if now > ada_did_it:
        tracking_of(session).progress[("Ada", exercise.UID())] = Progress(
            done=True, when=ada_did_it + "Z", revid=42)
    if bob_extended_to:
        extend(session, "Bob", exercise.UID(), bob_extended_to, "Ill", "teacher",
               moment("2027-03-12"))
    transaction.commit()
    set_now(now)
    header, *rows = exported(client, session)
    assert header == COLUMNS + WORK_COLUMNS
    found = {row[0]: row[len(COLUMNS):] for row in rows}
    assert found == {"Ada": ada, "Bob": bob}
    assert {row[0]: row[1] for row in rows} == {"Ada": str(int(now > ada_did_it)), "Bob": "0"}


def test_a_session_without_a_schedule_has_no_such_columns(site, client):
    for login in ("ada", "bob"):
        assert client(login).post(site["private"].absolute_url() + "/@enroll",
                                  json={"key": "pillars"}).status_code == 201
    header, *rows = exported(client, site["private"])
    assert header == COLUMNS
    assert sorted(row[0] for row in rows) == ["Ada", "Bob"]
    assert all(len(row) == len(COLUMNS) for row in rows)


def test_the_dashboard_says_whether_the_session_is_scheduled(dated, site, client):
    teacher = client("teacher")
    assert teacher.get("/en/intro/public-session/@dashboard").json()["scheduled"] is True
    assert teacher.get("/en/intro/private-session/@dashboard").json()["scheduled"] is False
