from plone import api
from types import SimpleNamespace
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.reuse import adapt_course
from wikimooc.theme.course.viewlets import CourseViewlet

import pytest
import transaction


def test_course_page_credits_its_authors_under_its_licence(site, page):
    html = page().get("/en/intro").text
    assert 'rel="license"' in html and "creativecommons.org/licenses/by-sa/4.0/" in html
    assert "Ada Lovelace" in html and "Wikimedia UK" in html


def test_reuse_is_offered_for_a_reusable_course(site, page):
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="teacher", roles=["Course Author"])
    transaction.commit()
    html = page("teacher").get("/en/intro").text
    assert "Adapt this course" in html
    assert "Create a session of this course" in html
    assert "Adapt this course" not in page().get("/en/intro").text


def test_adapt_is_offered_only_to_who_may_add_a_course_somewhere(site, page):
    """A learner could not put an adaptation anywhere: no button leading to "There is
    no folder where you may add a course". A local Contributor of one folder can."""
    add_learners(site["public"], ["ada"], added_by="teacher")
    transaction.commit()
    for login in ("ada", "bob"):
        assert "Adapt this course" not in page(login).get("/en/intro").text
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=site["portal"]["fr"], type="Folder", id="lyon", title="Lyon"
        )
        api.user.grant_roles(username="bob", obj=folder, roles=["Contributor"])
    transaction.commit()
    assert "Adapt this course" in page("bob").get("/en/intro").text


def test_no_reuse_when_the_licence_forbids_it(site, page):
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="teacher", roles=["Course Author"])
        site["course"].license = "all-rights-reserved"
    transaction.commit()
    html = page("teacher").get("/en/intro").text
    assert "Adapt this course" not in html
    assert "Create a session of this course" not in html


def test_an_adaptation_credits_the_original(site, page):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=site["portal"]["fr"], type="Folder", id="lyon", title="Lyon"
        )
        adaptation = adapt_course(site["course"], folder, organisation="Université de Lyon")
        api.content.transition(adaptation, to_state="published")
    transaction.commit()
    html = page().get("/fr/lyon/intro").text
    assert "Adapted from" in html or "Adapté de" in html
    assert site["course"].absolute_url() in html
    assert "Ada Lovelace" in html and "Université de Lyon" in html


def test_adapting_through_the_form(site, page, authenticator):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=site["portal"]["fr"], type="Folder", id="lyon", title="Lyon"
        )
        api.user.grant_roles(username="teacher", obj=folder, roles=["Contributor"])
    transaction.commit()
    teacher = page("teacher")
    form = teacher.get("/en/intro/@@adapt").text
    assert "Lyon" in form
    done = teacher.post(
        "/en/intro/@@adapt",
        data={
            "_authenticator": authenticator(form),
            "target": folder.UID(),
            "organisation": "Université de Lyon",
            "title": "Introduction (Lyon)",
        },
    )
    assert done.status_code == 200
    assert done.url.endswith("/fr/lyon/intro/edit")
    transaction.begin()
    adaptation = site["portal"]["fr"]["lyon"]["intro"]
    assert adaptation.organisation == "Université de Lyon"
    assert adaptation.derived_from.to_object == site["course"]


def test_no_session_is_offered_on_a_course_that_forbids_reuse(site):
    with api.env.adopt_roles(["Manager"]):
        site["course"].license = "all-rights-reserved"
    with api.env.adopt_roles(["Course Author"]):
        offered = {fti.getId() for fti in site["course"].allowedContentTypes()}
    assert "CourseSession" not in offered
    with api.env.adopt_roles(["Manager"]):
        assert "CourseSession" in {fti.getId() for fti in site["course"].allowedContentTypes()}


@pytest.mark.parametrize(
    "authors, organisation, credit",
    [
        (["Ada", "Grace"], "Wikimedia UK", "Ada, Grace (Wikimedia UK)"),
        (["Wikimédia France"], "Wikimédia France", "Wikimédia France"),
        ([], "Wikimedia España", "Wikimedia España"),
    ],
)
def test_credit_line(authors, organisation, credit):
    course = SimpleNamespace(authors=authors, organisation=organisation)
    assert CourseViewlet.credit(None, course) == credit
