"""Course dates over REST: the team reads and changes the schedule (bad dates
refused with the reason, nothing changed), gives extensions; a learner reads their
agenda; quiz attempts past due are refused or flagged late, as the schedule says."""

from wikimooc.policy.quiz.attempts import learner_attempts

import pytest
import transaction


SESSION = "/en/intro/public-session"


def uid(parts, name):
    return parts[name].UID()


def test_the_team_reads_the_schedule_and_learners_may_not(dated, client):
    table = client("teacher").get(SESSION + "/@schedule").json()
    assert table["scheduled"] is True and table["pacing"] == "instructor"
    assert [(module["title"], module["opens"]) for module in table["modules"]] == [
        ("About", "2027-03-01"), ("Week 1", "2027-03-08"), ("Week 2", "2027-03-15"),
        ("Week 3", "2027-03-22")]
    assert [(item["title"], item["due"], item["late"]) for item in table["modules"][1]["items"]] \
        == [("Exercise 1", "2027-03-14", "accept"), ("Quiz 1", "2027-03-14", "accept")]
    assert client("ada").get(SESSION + "/@schedule").status_code == 401
    assert client().get(SESSION + "/@schedule").status_code == 401


@pytest.mark.parametrize(
    "change, message",
    [
        ({"quiz2": {"due": "2027-03-01"}},
         "Quiz 2 would be due before its module opens (March 15, 2027)."),
        ({"week2": {"opens": "2027-06-01"}},
         "2027-06-01 is outside the session (March 1, 2027 to April 30, 2027)."),
        ({"week2": {"opens": "tomorrow"}}, "tomorrow is not a date: give it as YYYY-MM-DD."),
    ],
)
def test_bad_dates_are_refused_and_nothing_changes(dated, client, change, message):
    teacher = client("teacher")
    before = teacher.get(SESSION + "/@schedule").json()
    body = {"dates": {uid(dated, name): value for name, value in change.items()}}
    response = teacher.patch(SESSION + "/@schedule", json=body)
    assert response.status_code == 400
    assert response.json()["error"] == {"type": "ScheduleRefused" if "not a date" not in message
                                        else "BadRequest", "message": message}
    assert teacher.get(SESSION + "/@schedule").json() == before


def test_the_team_changes_dates_and_the_learners_agenda_follows(dated, client, set_now):
    response = client("teacher").patch(SESSION + "/@schedule", json={"dates": {
        uid(dated, "quiz1"): {"due": "2027-03-10", "late": "refuse"}}})
    assert response.status_code == 200, response.text
    assert response.json()["modules"][1]["items"][1]["due"] == "2027-03-10"
    set_now("2027-03-12T08:00")
    agenda = client("ada").get(SESSION + "/@agenda").json()
    statuses = {item["title"]: item["status"] for item in agenda["items"]}
    assert statuses == {"About": "open", "Week 1": "open", "Exercise 1": "open",
                        "Quiz 1": "late", "Week 2": "locked", "Exercise 2": "locked",
                        "Quiz 2": "locked", "Week 3": "locked", "Exercise 3": "locked",
                        "Quiz 3": "locked"}
    by_teacher = client("teacher").get(SESSION + "/@agenda", params={"learner": "Bob"}).json()
    assert by_teacher["wiki_username"] == "Bob"
    assert client("ada").get(SESSION + "/@agenda", params={"learner": "Bob"}).status_code == 403


@pytest.mark.parametrize(
    "late, now, status, flagged",
    [
        ("accept", "2027-03-13T10:00", 201, False),
        ("accept", "2027-03-15T00:00", 201, True),
        ("refuse", "2027-03-15T00:00", 409, None),
        # Before its module opens, the quiz is not even there for the learner.
        ("refuse", "2027-03-07T10:00", 403, None),
    ],
)
def test_quiz_attempts_past_due(dated, client, set_now, late, now, status, flagged):
    client("teacher").patch(SESSION + "/@schedule", json={"dates": {
        uid(dated, "quiz1"): {"late": late}}})
    set_now(now)
    response = client("ada").post(dated["quiz1"].absolute_url() + "/@attempts",
                                  json={"answers": {"year": "2001"}})
    assert response.status_code == status, response.text
    if flagged is None:
        assert response.json()["error"]["type"] == "ScheduleRefused" if status == 409 \
            else response.json()["type"] == "Forbidden"
        transaction.begin()
        session = dated["quiz1"].aq_parent.aq_parent["public-session"]
        assert learner_attempts(session, dated["quiz1"], "Ada") == ()
    else:
        assert response.json()["late"] is flagged


def test_an_extension_over_rest(dated, client, set_now):
    teacher = client("teacher")
    response = teacher.post(SESSION + "/@extensions", json={
        "learner": "Bob", "item": uid(dated, "exercise1"), "due": "2027-03-20",
        "reason": "Exams that week"})
    assert response.status_code == 201, response.text
    assert response.json()["due"] == "2027-03-20"
    listed = teacher.get(SESSION + "/@extensions").json()
    assert [(item["wiki_username"], item["reason"], item["by"]) for item in listed["items"]] == [
        ("Bob", "Exams that week", "teacher")]
    set_now("2027-03-16")
    bob = {item["title"]: item for item in client("bob").get(SESSION + "/@agenda").json()["items"]}
    ada = {item["title"]: item for item in client("ada").get(SESSION + "/@agenda").json()["items"]}
    assert (bob["Exercise 1"]["status"], bob["Exercise 1"]["extended"]) == ("open", True)
    assert ada["Exercise 1"]["status"] == "late"
    refused = teacher.post(SESSION + "/@extensions", json={
        "learner": "Bob", "item": uid(dated, "exercise1"), "due": "2027-03-20", "reason": ""})
    assert refused.status_code == 400
    assert client("ada").post(SESSION + "/@extensions", json={}).status_code == 401


@pytest.mark.parametrize(
    "now, shown",
    [("2027-03-14T23:00", False), ("2027-03-15T00:00", True)],
)
def test_answers_shown_after_the_due_date(dated, client, set_now, now, shown):
    quiz = dated["quiz1"]
    quiz.show_answers = "after_due"
    transaction.commit()
    set_now("2027-03-10T10:00")
    answered = client("ada").post(quiz.absolute_url() + "/@attempts",
                                  json={"answers": {"year": "1999"}})
    assert answered.status_code == 201, answered.text
    assert answered.json()["answers_shown"] is False
    set_now(now)
    [attempt] = client("ada").get(quiz.absolute_url() + "/@attempts").json()["items"]
    assert attempt["answers_shown"] is shown
    assert ("right_answer" in attempt["questions"][0]) is shown


@pytest.mark.parametrize(
    "login, enrolled, now, week2",
    [
        ("ada", "2027-03-01", "2027-03-15T00:00", "open"),
        ("bob", "2027-03-10", "2027-03-15T00:00", "locked"),
        ("bob", "2027-03-10", "2027-03-24T00:00", "open"),
        ("ada", "2027-03-01", "2027-03-14T23:59", "locked"),
    ],
)
def test_self_paced_agendas_of_learners_who_enrolled_on_different_days(
    dated, client, set_now, login, enrolled, now, week2
):
    """Week 2 is the course's third module: it opens 14 days after enrollment."""
    transaction.begin()  # see the enrollments made over HTTP
    session = dated["quiz1"].aq_parent.aq_parent["public-session"]
    learners = session.enrollments.learners
    name = login.capitalize()
    learners[name] = learners[name]._replace(enrolled=f"{enrolled}T08:00:00+00:00")
    transaction.commit()
    assert client("teacher").patch(SESSION + "/@schedule", json={"pacing": "self"}).ok
    set_now(now)
    answer = client(login).get(SESSION + "/@agenda").json()
    agenda = {item["title"]: item for item in answer["items"]}
    assert agenda["Week 2"]["status"] == week2
    page = client(login).get(dated["lesson2"].absolute_url())
    assert page.status_code == (200 if week2 == "open" else 403)
