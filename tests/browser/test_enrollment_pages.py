from datetime import date
from plone import api

import pytest
import transaction


PUBLIC = "/en/intro/public-session"
PRIVATE = "/en/intro/private-session"


def test_anonymous_visitors_are_asked_to_log_in(site, page):
    html = page().get(PUBLIC).text
    assert "Log in to enroll" in html
    assert "@@enroll" not in html


def test_a_member_enrolls_and_leaves_with_the_buttons(site, page, authenticator):
    ada = page("ada")
    html = ada.get(PUBLIC).text
    assert "Enroll in this session" in html
    enrolled = ada.post(PUBLIC + "/@@enroll", data={"_authenticator": authenticator(html)})
    assert enrolled.status_code == 200
    assert "You are enrolled in this session." in enrolled.text
    assert "Leave this session" in enrolled.text
    transaction.begin()
    assert "Ada" in site["public"].enrollments

    left = ada.post(PUBLIC + "/@@leave", data={"_authenticator": authenticator(enrolled.text)})
    assert "You have left this session." in left.text
    transaction.begin()
    assert "Ada" not in site["public"].enrollments


@pytest.mark.parametrize("method, data", [("post", {}), ("get", None)])
def test_enrolling_needs_a_post_with_the_csrf_token(site, page, method, data):
    response = getattr(page("ada"), method)(PUBLIC + "/@@enroll", data=data)
    assert response.status_code in (403, 405)
    transaction.begin()
    assert len(site["public"].enrollments) == 0


def test_a_wrong_key_is_explained_and_enrolls_nobody(site, page, authenticator):
    ada = page("ada")
    token = authenticator(ada.get(PUBLIC).text)
    refused = ada.post(PRIVATE + "/@@enroll", data={"_authenticator": token, "key": "nope"})
    assert "The enrollment key is wrong." in refused.text
    transaction.begin()
    assert len(site["private"].enrollments) == 0
    accepted = ada.post(PRIVATE + "/@@enroll", data={"_authenticator": token, "key": "pillars"})
    assert "You are enrolled in this session." in accepted.text


@pytest.fixture
def keyed_session(site):
    """A second open session of the course, enrolled by the key "k"."""
    with api.env.adopt_roles(["Manager"]):
        keyed = api.content.create(
            container=site["course"], type="CourseSession", id="keyed", title="Keyed",
            enrollment_policy="key", enrollment_key="k", start=date(2027, 3, 1),
            end=date(2027, 4, 30), wiki="en.wikipedia.org",
        )
        api.content.transition(keyed, "open")
    transaction.commit()
    return keyed


def test_the_key_field_is_shown_only_where_a_key_is_needed(keyed_session, page):
    assert 'name="key"' in page("ada").get("/en/intro/keyed").text
    assert 'name="key"' not in page("ada").get(PUBLIC).text


def test_teacher_pastes_usernames_and_sees_each_result(site, page, authenticator):
    teacher = page("teacher")
    html = teacher.get(PUBLIC + "/@@learners").text
    result = teacher.post(
        PUBLIC + "/@@learners",
        data={"_authenticator": authenticator(html), "usernames": "Jean_Dupont\nBad#Name\nada"},
    )
    assert result.status_code == 200
    assert "Jean Dupont" in result.text
    assert "contains a forbidden character: #" in result.text
    assert "2 learners" in result.text
    transaction.begin()
    assert len(site["public"].enrollments) == 2


def test_learners_page_is_for_the_team_only(site, page):
    response = page("ada").get(PUBLIC + "/@@learners", allow_redirects=False)
    assert response.status_code in (302, 401)
    assert "Add learners" not in response.text


def test_learners_page_in_french_under_fr(site, page):
    with api.env.adopt_roles(["Manager"]):
        api.content.move(source=site["course"], target=site["portal"]["fr"])
    transaction.commit()
    html = page("teacher").get("/fr/intro/public-session/@@learners").text
    assert "Ajouter des apprenant·es" in html


def test_the_course_page_enrolls_with_the_key_and_comes_back(keyed_session, page, authenticator):
    """A session enrolled by key, from the course page: the key is asked there, a
    wrong one is explained on the course, the right one enrolls."""
    ada = page("ada")
    course = ada.get("/en/intro").text
    assert course.count('name="came_from" value="course"') == 2  # the public session too
    assert course.count('name="key"') == 1
    form = {"_authenticator": authenticator(course), "came_from": "course"}
    refused = ada.post("/en/intro/keyed/@@enroll", data={**form, "key": "nope"})
    assert refused.url.rstrip("/").endswith("/en/intro")
    assert "The enrollment key is wrong." in refused.text
    accepted = ada.post("/en/intro/keyed/@@enroll", data={**form, "key": "k"})
    assert accepted.url.rstrip("/").endswith("/en/intro")
    assert "You are enrolled in this session." in accepted.text
    assert accepted.text.count('name="came_from" value="course"') == 1
    transaction.begin()
    assert "Ada" in keyed_session.enrollments
