"""The Schedule page (one table of every date, CSRF-protected, bad dates refused
with the reason and nothing changed), extensions from it, a learner's "This week"
on the session page and My courses, and the private iCalendar feed, parsed back."""

from html_pages import authenticator
from html_pages import html_client
from icalendar import Calendar

import pytest


SESSION = "/en/intro/public-session"


def schedule(client):
    return client("teacher").get(SESSION + "/@schedule").json()


def test_the_team_saves_one_changed_date_and_the_defaults_stay(dated, client):
    teacher = html_client(client, "teacher")
    page = teacher.get(SESSION + "/@@schedule").text
    assert "Exercise 2" in page and 'value="2027-03-21"' in page
    form = {"_authenticator": authenticator(page), "pacing": "instructor",
            f"due.{dated['exercise2'].UID()}": "2027-03-25",
            f"opens.{dated['week3'].UID()}": "2027-03-22"}
    saved = teacher.post(SESSION + "/@@schedule-save", data=form)
    assert "The schedule is saved." in saved.text
    [week2] = [module for module in schedule(client)["modules"] if module["title"] == "Week 2"]
    assert (week2["items"][0]["due"], week2["items"][0]["due_set"]) == ("2027-03-25", True)
    [week3] = [module for module in schedule(client)["modules"] if module["title"] == "Week 3"]
    assert week3["opens_set"] is False  # sent unchanged: still the default


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("due", "2027-03-01",
         "Exercise 2 would be due before its module opens (March 15, 2027)."),
        ("due", "2027-07-01",
         "2027-07-01 is outside the session (March 1, 2027 to April 30, 2027)."),
    ],
)
def test_bad_dates_on_the_page_are_refused_with_the_reason(dated, client, field, value, message):
    teacher = html_client(client, "teacher")
    before = schedule(client)
    page = teacher.get(SESSION + "/@@schedule").text
    refused = teacher.post(SESSION + "/@@schedule-save", data={
        "_authenticator": authenticator(page), f"{field}.{dated['exercise2'].UID()}": value})
    assert message in refused.text
    assert schedule(client) == before


def test_saving_without_the_csrf_token_changes_nothing(dated, client):
    before = schedule(client)
    answer = html_client(client, "teacher").post(SESSION + "/@@schedule-save", data={
        f"due.{dated['exercise2'].UID()}": "2027-03-25"})
    assert answer.status_code == 403
    assert schedule(client) == before


def test_learners_may_not_open_or_save_the_schedule(dated, client):
    learner = html_client(client, "ada")
    assert "Save the schedule" not in learner.get(SESSION + "/@@schedule").text
    page = learner.get(SESSION).text
    answer = learner.post(SESSION + "/@@schedule-save", data={
        "_authenticator": authenticator(page), f"due.{dated['exercise2'].UID()}": "2027-03-25"})
    assert "Save the schedule" not in answer.text and "The schedule is saved." not in answer.text
    assert schedule(client)["modules"][2]["items"][0]["due_set"] is False


def test_an_extension_from_the_page_is_listed(dated, client):
    teacher = html_client(client, "teacher")
    page = teacher.get(SESSION + "/@@schedule").text
    given = teacher.post(SESSION + "/@@schedule-extend", data={
        "_authenticator": authenticator(page), "learner": "Bob",
        "item": dated["exercise1"].UID(), "due": "2027-03-20", "reason": "Exams"})
    assert "Bob has until March 20, 2027." in given.text
    listed = teacher.get(SESSION + "/@@schedule").text
    assert "Exams" in listed and "March 20, 2027" in listed


def test_this_week_on_the_session_page_and_my_courses(dated, client, set_now):
    set_now("2027-03-16T09:00")
    for page in (html_client(client, "ada").get(SESSION).text,
                 html_client(client, "ada").get("/en/@@my-courses").text):
        week = page[page.index("wikimooc-this-week"):]
        week = week[:week.index("</section>")]
        assert "Week 2" in week  # opened yesterday
        assert "due March 21, 2027" in week and "Exercise 2" in week
        assert "late" in week and "Exercise 1" in week  # due on 14 March, not done
        assert "<bdi>Week 3</bdi> opens on March 22, 2027" in week
    assert "wikimooc-this-week" not in html_client(client, "teacher").get(SESSION).text


def test_the_calendar_feed_is_private_revocable_and_parses(dated, client):
    ada = html_client(client, "ada")
    page = ada.get("/en/@@my-calendar").text
    got = ada.post("/en/@@my-calendar-renew", data={"_authenticator": authenticator(page)}).text
    address = got.split('class="form-control wikimooc-calendar-url"')[1].split('value="')[1]
    address = address.split('"')[0].replace("&amp;", "&")
    feed = client().get(address)
    assert feed.status_code == 200
    assert feed.headers["Content-Type"].startswith("text/calendar")
    events = {str(event["summary"]): event for event in
              Calendar.from_ical(feed.content).walk("VEVENT")}
    assert events["Week 2 opens"].decoded("dtstart").isoformat() == "2027-03-15"
    assert events["Quiz 3 is due"].decoded("dtstart").isoformat() == "2027-03-28"
    assert len(events) == 10  # four modules, three exercises, three quizzes
    renewed = ada.post("/en/@@my-calendar-renew",
                       data={"_authenticator": authenticator(got)}).text
    assert client().get(address).status_code == 404  # the old address stopped
    ada.post("/en/@@my-calendar-stop", data={"_authenticator": authenticator(renewed)})
    assert "wikimooc-calendar-url" not in ada.get("/en/@@my-calendar").text
    assert client().get(SESSION.split("/en")[0] + "/calendar.ics?token=guess").status_code == 404
