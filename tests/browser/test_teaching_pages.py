"""The dashboard and the learners page speak to teachers: dates in their language
and time zone, a sentence for a wiki that does not answer, something under "Recent
edits" when there are none, a way to take a learner out (POST, CSRF-checked, with
the permission to manage enrollments), and each page leading to the other."""

from datetime import date
from datetime import timedelta
from html import unescape
from html_pages import authenticator
from plone import api
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.enrollment import learners_group_id
from wikimooc.policy.tracking.storage import Contribution
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import wiki_statuses
from wikimooc.policy.tracking.storage import WikiStatus

import pytest
import re
import transaction


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def running(site):
    """The public session runs; Ada and Bob learn in it, Bob edited once."""
    session = site["public"]
    session.start = date.today() - timedelta(days=1)
    enroll(session, api.user.get(username="ada"))
    add_learners(session, ["Bob"], added_by="teacher")
    tracking = tracking_of(session)
    tracking.record(Contribution(
        revid=7, parentid=0, username="Bob", namespace=0, title="Sandbox",
        timestamp="2026-11-20T09:30:00Z", size=36, sizediff=36, new=True, comment="",
    ))
    tracking.last_checked = "2026-11-20T09:31:00Z"
    transaction.commit()
    return session


def teacher(page, accept="en-GB,en;q=0.8"):
    visitor = page("teacher")
    visitor.session.headers["Accept-Language"] = accept
    return visitor


DASHBOARD = "/en/intro/public-session/@@dashboard"
LEARNERS = "/en/intro/public-session/@@learners"


def test_the_dashboard_gives_dates_in_the_readers_language_not_timestamps(running, page):
    html = teacher(page).get(DASHBOARD).text
    text = text_of(html)
    assert "2026-11-20T09" not in text
    assert "Last checked: 20 November 2026 at 09:31" in text
    assert text.count("20 November 2026 at 09:30") == 2  # Bob's last edit, the recent edit
    assert '<time datetime="2026-11-20T09:30:00Z" data-wikimooc-moment="">' in html


def test_the_dashboard_follows_the_sites_time_zone(running, page):
    api.portal.set_registry_record("plone.portal_timezone", "Europe/Paris")
    transaction.commit()
    assert "Last checked: 20 November 2026 at 10:31" in text_of(teacher(page).get(DASHBOARD).text)


def test_a_wiki_that_does_not_answer_is_said_in_a_sentence(running, page):
    wiki_statuses()["en.wikipedia.org"] = WikiStatus(
        reachable=False, since="2026-11-21T08:00:00Z", failures=3, error="ConnectionError"
    )
    transaction.commit()
    text = text_of(teacher(page).get(DASHBOARD).text).replace(" .", ".")
    assert (
        "en.wikipedia.org has not answered since 21 November 2026 at 08:00."
        " The platform could not reach it over the network." in text
    )
    assert "ConnectionError" not in text


@pytest.mark.parametrize("error, sentence", [
    ("HTTP 503", "It answered with an error (HTTP 503)."),
    ("HTTP 429", "It asked the platform to slow down."),
    ("maxlag", "It is overloaded and asked the platform to wait."),
    ("ReadTimeout", "It took too long to answer."),
    ("MaximumRetriesExceeded", "The platform could not reach it over the network."),
])
def test_each_wiki_failure_has_its_sentence(running, page, error, sentence):
    wiki_statuses()["en.wikipedia.org"] = WikiStatus(False, "2026-11-21T08:00:00Z", 1, error)
    transaction.commit()
    assert sentence in text_of(teacher(page).get(DASHBOARD).text)


def test_recent_edits_say_when_there_are_none(site, page):
    site["public"].start = date.today() - timedelta(days=1)
    transaction.commit()
    text = text_of(teacher(page).get(DASHBOARD).text)
    assert "Recent edits No edit by the session's learners has been seen yet." in text


def test_the_learners_page_gives_dates_counts_and_leads_to_the_dashboard(running, page):
    html = teacher(page).get(LEARNERS).text
    text = text_of(html)
    assert "2 learners" in text
    enrolled = running.enrollments.learners["Bob"].enrolled
    assert enrolled[:19] not in text
    assert re.search(r'href="[^"]+/public-session/@@dashboard"', html)
    assert re.search(r'href="[^"]+/public-session/@@learners"', teacher(page).get(DASHBOARD).text)


def test_one_learner_is_one_learner_in_english_and_french(site, page):
    add_learners(site["public"], ["Bob"], added_by="teacher")
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(container=site["portal"]["fr"], type="Course", id="cours",
                                    title="Cours", projects=("wikipedia",), organisation="WMFr")
        session = api.content.create(container=course, type="CourseSession", id="s",
                                     title="Printemps", start=date(2027, 3, 1),
                                     end=date(2027, 4, 30), wiki="fr.wikipedia.org",
                                     teachers=["teacher"])
    transaction.commit()
    assert re.search(r"<p>1 learner</p>", teacher(page).get(LEARNERS).text)
    french = teacher(page, "fr").get("/fr/cours/s/@@learners").text
    assert re.search(r"<p>0 apprenant·e</p>", french)
    add_learners(session, ["Bob", "Cleo"], added_by="teacher")
    transaction.commit()
    french = teacher(page, "fr").get("/fr/cours/s/@@learners").text
    assert re.search(r"<p>2 apprenant·es</p>", french)


def remove(visitor, username="Bob", token=True):
    data = {"username": username}
    if token:
        data["_authenticator"] = authenticator(visitor.get(LEARNERS).text)
    return visitor.post("/en/intro/public-session/@@remove-learner", data=data)


def test_a_teacher_removes_a_learner_from_the_learners_page(running, page):
    visitor = teacher(page)
    html = visitor.get(LEARNERS).text
    assert 'aria-label="Remove \u2068Ada\u2069 from this session"' in html
    answer = remove(visitor, "Ada")
    assert answer.status_code == 200 and answer.url.endswith("/@@learners")
    assert "Ada is no longer a learner of this session." in text_of(answer.text)
    transaction.begin()
    assert "Ada" not in running.enrollments and len(running.enrollments) == 1
    assert learners_group_id(running) not in api.user.get(username="ada").getGroups()
    my_courses = text_of(page("ada").get("/en/@@my-courses").text)
    assert "You are not enrolled in any session yet" in my_courses


def test_removing_someone_who_is_not_a_learner_is_refused(running, page):
    answer = remove(teacher(page), "Nobody")
    assert "Nobody is not a learner of this session." in text_of(answer.text)
    transaction.begin()
    assert len(running.enrollments) == 2


def test_removing_needs_the_form_the_token_and_the_permission(running, page):
    visitor = teacher(page)
    assert visitor.get("/en/intro/public-session/@@remove-learner?username=Bob").status_code == 405
    assert remove(visitor, token=False).status_code == 403
    learner = page("ada")
    answer = learner.post("/en/intro/public-session/@@remove-learner", data={"username": "Bob"},
                          allow_redirects=False)
    assert answer.status_code in (302, 401, 403)
    assert "@@learners" not in answer.headers.get("Location", "")
    transaction.begin()
    assert "Bob" in running.enrollments
