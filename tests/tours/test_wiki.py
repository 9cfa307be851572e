"""Tours on a real MediaWiki (Debian's, which lacks Extension:GuidedTour: tours are
still JavaScript pages of the MediaWiki namespace): listing them for teachers, and
publishing a draft with the platform's account, which needs editsitejs."""

from datetime import date
from html import unescape
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tour_drafts import add_draft
from wikimooc.policy.content.lesson import ILesson
from wikimooc.policy.tours.names import NotATourName
from wikimooc.policy.tours.vocabulary import guided_tours
from wikimooc.policy.tours.wiki import forget_tours
from wikimooc.policy.tours.wiki import tour_page
from wikimooc.policy.tours.wiki import tours_on_wiki
from wikimooc.theme.tours.views import TourBuilderView

import pytest
import re
import requests
import secrets
import transaction


PLATFORM_PASSWORD = "Platform-Tours-Pass-77"


@pytest.fixture
def wiki_site(request, mediawiki):
    """The test wiki, mapped in the site's registry (the functional site's, in
    functional tests)."""
    functional = "functional_portal" in request.fixturenames
    request.getfixturevalue("functional_portal" if functional else "portal")
    api.portal.set_registry_record("wikimooc.wikis", {mediawiki.host: mediawiki.api_url})
    forget_tours(mediawiki.host)
    yield mediawiki
    forget_tours(mediawiki.host)


@pytest.fixture
def on_wiki_tours(wiki_site):
    """Two tours on the wiki, and pages that are not tours."""
    admin = (wiki_site.admin_user, wiki_site.admin_password)
    suffix = secrets.token_hex(3)
    names = [f"alpha{suffix}", f"beta{suffix}"]
    for name in names:
        wiki_site.edit_as(*admin, tour_page(name), "// a tour")
    wiki_site.edit_as(*admin, f"MediaWiki:Guidedtour-tour-gamma{suffix}.css", "/* style */")
    wiki_site.edit_as(*admin, f"MediaWiki:Guidedtour-tour-Bad-{suffix}.js", "// not loadable")
    return names


def test_teachers_see_the_tours_of_the_wiki(on_wiki_tours, wiki_site):
    listed = tours_on_wiki(wiki_site.host)
    assert set(on_wiki_tours) <= set(listed)
    assert not [name for name in listed if "gamma" in name or "bad" in name.lower()]


def test_the_vocabulary_offers_the_sessions_wikis_tours_and_the_course_drafts(
    course, make_session, on_wiki_tours, wiki_site
):
    make_session(wiki=wiki_site.host)
    add_draft(course, tour_name="coursetour")
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=course, type="Module", title="Basics")
        lesson = api.content.create(container=module, type="Lesson", title="Lesson", tour="old")
    terms = {term.value: term.title for term in guided_tours(lesson)}
    assert set(on_wiki_tours) | {"coursetour", "old"} <= set(terms)
    assert wiki_site.host in terms[on_wiki_tours[0]].mapping["wikis"]


def test_a_lesson_takes_only_well_formed_tour_names(course, wiki_site):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=course, type="Module", title="Basics")
        lesson = api.content.create(container=module, type="Lesson", title="Lesson")
    field = ILesson["tour"].bind(lesson)
    field.validate("notlistedyet")
    with pytest.raises(NotATourName):
        field.validate("Not-A-Tour")
    with pytest.raises(NotATourName):
        ILesson["tour_step"].bind(lesson).validate("step.two")


@pytest.fixture
def platform_account(wiki_site, monkeypatch):
    """The platform's wiki account: ``platform_account(groups)`` creates it."""

    def platform_account(groups):
        name = f"Platform {secrets.token_hex(3)}"
        wiki_site.create_user(name, PLATFORM_PASSWORD, groups=groups)
        monkeypatch.setenv("WIKIMOOC_WIKI_USERNAME", name)
        monkeypatch.setenv("WIKIMOOC_WIKI_PASSWORD", PLATFORM_PASSWORD)
        return name

    return platform_account


@pytest.fixture
def tour_to_publish(functional_portal, wiki_site):
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(
            container=functional_portal["en"], type="Course", id="tours", title="Tours",
            projects=("wikipedia",), organisation="Wikimedia UK",
        )
        api.content.create(
            container=course, type="CourseSession", id="s", title="Session",
            start=date(2027, 3, 1), end=date(2027, 4, 30), wiki=wiki_site.host,
        )
    draft = add_draft(course, tour_name=f"tour{secrets.token_hex(3)}")
    transaction.commit()
    return draft


def publish(draft, host):
    """Press "Publish the tour" on the draft's page as the site's manager."""
    browser = requests.Session()
    browser.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page = browser.get(draft.absolute_url(), timeout=60).text
    token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    answer = browser.post(
        draft.absolute_url() + "/@@publish-tour",
        data={"_authenticator": token, "wiki": host}, timeout=60,
    )
    transaction.begin()
    return answer


def wiki_text(wiki_site, title):
    return wiki_site.site().pages[title].text()


def test_an_interface_administrator_account_publishes_the_tour(
    tour_to_publish, wiki_site, platform_account
):
    platform_account(groups=("interface-admin",))
    answer = publish(tour_to_publish, wiki_site.host)
    page = tour_page(tour_to_publish.tour_name)
    assert "The tour is published on" in answer.text and page in answer.text
    expected = TourBuilderView(tour_to_publish, tour_to_publish.REQUEST).script()
    assert wiki_text(wiki_site, page).strip() == expected.strip()
    assert tour_to_publish.tour_name in tours_on_wiki(wiki_site.host)


def test_an_account_without_the_right_gets_a_clear_refusal(
    tour_to_publish, wiki_site, platform_account
):
    name = platform_account(groups=("sysop",))
    answer = publish(tour_to_publish, wiki_site.host)
    assert (
        f"The platform's wiki account {name} may not edit JavaScript pages"
        in unescape(answer.text)
    )
    assert "interface administrator" in answer.text
    assert not wiki_site.site().pages[tour_page(tour_to_publish.tour_name)].exists


def test_without_a_platform_account_the_code_is_for_an_administrator(
    tour_to_publish, wiki_site, monkeypatch
):
    monkeypatch.delenv("WIKIMOOC_WIKI_USERNAME", raising=False)
    answer = publish(tour_to_publish, wiki_site.host)
    assert "Give the code below to an interface administrator" in answer.text
    assert "new gt.TourBuilder" in answer.text


def test_publishing_is_only_on_the_courses_wikis(tour_to_publish):
    answer = publish(tour_to_publish, "evil.example.org")
    assert answer.status_code == 400
