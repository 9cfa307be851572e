"""Who may write, read and cancel announcements: only the session's teaching team
writes them and reads the history; a learner sees only what was sent to them, and
a private session shows nothing to anyone else. The Classic UI forms are
CSRF-protected."""

from html_pages import authenticator
from html_pages import html_client

import pytest


PUBLIC = "/en/intro/public-session"
PRIVATE = "/en/intro/private-session"


@pytest.mark.parametrize(
    "login, path, status",
    [
        (None, PUBLIC, 401),
        ("ada", PUBLIC, 401),  # a learner
        ("hal", PUBLIC, 401),  # a member who neither teaches nor learns
        ("gus", PUBLIC, 401),  # a learner of another session
        (None, PRIVATE, 401),
        ("ada", PRIVATE, 401),
        ("gus", PRIVATE, 401),
        ("teacher", PUBLIC, 201),
        ("teacher", PRIVATE, 201),
    ],
)
def test_only_the_teaching_team_writes(learners, write, login, path, status):
    assert write(login, path).status_code == status


def test_a_learner_sees_only_what_was_sent_to_them(learners, write, run_worker, client):
    write(audience="usernames", usernames="Ada", subject="For Ada")
    write(subject="For everyone")
    write(subject="Later", send_at="2099-01-01T09:00:00Z")
    run_worker()
    as_bob = client("bob").get(PUBLIC + "/@announcements").json()
    assert [item["subject"] for item in as_bob["items"]] == ["For everyone"]
    assert set(as_bob["items"][0]) == {"@id", "id", "subject", "text", "author", "send_at"}
    as_ada = client("ada").get(PUBLIC + "/@announcements").json()
    assert sorted(item["subject"] for item in as_ada["items"]) == ["For Ada", "For everyone"]
    history = client("teacher").get(PUBLIC + "/@announcements").json()
    assert [item["subject"] for item in history["items"]] == ["Later", "For everyone", "For Ada"]
    assert history["items"][1]["deliveries"]["sent"] == 4
    assert client().get(PUBLIC + "/@announcements").json()["items"] == []  # a visitor
    record = history["items"][2]["@id"]
    assert client("ada").get(record).status_code == 404  # the record is the team's


@pytest.mark.parametrize("login", [None, "ada", "hal"])
def test_a_private_sessions_announcements_stay_in_it(learners, write, run_worker, client, login):
    write(path=PRIVATE, subject="Private news")
    run_worker()
    response = client(login).get(PRIVATE + "/@announcements")
    assert response.status_code in (401, 404)
    assert "Private news" not in response.text
    page = html_client(client, login).get(PRIVATE)
    assert "Private news" not in page.text
    assert client("gus").get(PRIVATE + "/@announcements").json()["items_total"] == 1


def test_cancelling_is_the_teams(learners, write, client):
    later = write(send_at="2099-01-01T09:00:00Z").json()
    assert client("ada").delete(f"{PUBLIC}/@announcements/{later['id']}").status_code == 401
    assert client("teacher").get(PUBLIC + "/@announcements").json()["items"][0][
        "status"] == "scheduled"
    missing = client("teacher").delete(f"{PUBLIC}/@announcements/nothing")
    assert missing.status_code == 404


def test_the_teams_page_writes_and_lists(learners, client, run_worker, smtp):
    teacher = html_client(client, "teacher")
    page = teacher.get(PUBLIC + "/@@announcements")
    assert page.status_code == 200 and "Write to the learners" in page.text
    form = {"subject": "From the page", "text": "Hello", "audience": "certified",
            "usernames": "", "send_at": ""}
    forged = teacher.post(PUBLIC + "/@@announce", data=form)
    assert forged.status_code == 403  # no CSRF token
    sent = teacher.post(
        PUBLIC + "/@@announce", data={**form, "_authenticator": authenticator(page.text)}
    )
    assert "Your announcement is being sent." in sent.text
    run_worker()
    assert [addresses for addresses, _mail in smtp.recorder.mails] == [("cleo@example.org",)]
    listed = teacher.get(PUBLIC + "/@@announcements").text
    assert "From the page" in listed and "1 sent of 1" in listed
    refused = html_client(client, "ada").get(PUBLIC + "/@@announcements")
    assert "Write to the learners" not in refused.text and "From the page" not in refused.text


def test_learners_see_them_on_the_session_and_in_my_courses(learners, write, run_worker, client):
    write(subject="Week 2 is open", text="Read the second module.")
    run_worker()
    learner = html_client(client, "bob")
    session_page = learner.get(PUBLIC).text
    assert "Week 2 is open" in session_page and "Read the second module." in session_page
    my_courses = learner.get("/en/@@my-courses").text
    assert "Week 2 is open" in my_courses and "/en/@@reminders" in my_courses
    assert "Week 2 is open" not in html_client(client, "gus").get("/en/@@my-courses").text


def test_the_teams_page_cancels_and_sets_the_reminders(learners, write, client):
    later = write(subject="Later", send_at="2099-01-01T09:00:00Z").json()
    teacher = html_client(client, "teacher")
    page = teacher.get(PUBLIC + "/@@announcements").text
    token = authenticator(page)
    cancelled = teacher.post(PUBLIC + "/@@cancel-announcement",
                             data={"id": later["id"], "_authenticator": token})
    assert "The announcement is cancelled." in cancelled.text
    assert client("teacher").get(PUBLIC + "/@announcements").json()["items"][0][
        "status"] == "cancelled"

    refused = teacher.post(PUBLIC + "/@@session-reminders", data={
        "kind-reviews_owed": "1", "inactive_days": "many", "_authenticator": token,
    })
    assert "Give the days without activity as a whole number from 1 to 365." in refused.text
    settings = client("teacher").get(PUBLIC + "/@reminder-settings").json()
    assert settings["inactive_days"] == 14 and settings["kinds"]["no_activity"] is True
    saved = teacher.post(PUBLIC + "/@@session-reminders", data={
        "kind-reviews_owed": "1", "kind-certificate_ready": "1", "inactive_days": "21",
        "_authenticator": token,
    })
    assert "The session's reminders are saved." in saved.text
    settings = client("teacher").get(PUBLIC + "/@reminder-settings").json()
    assert settings == {**settings, "inactive_days": 21, "kinds": {
        "reviews_owed": True, "work_graded": False, "certificate_ready": True,
        "no_activity": False,
    }}
