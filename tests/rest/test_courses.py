from datetime import date
from plone import api
from wikimooc.policy.upgrades import v20261203270

import pytest
import transaction


@pytest.fixture
def catalogue(site):
    """Three more published courses in other languages and projects, one draft."""
    portal = site["portal"]
    with api.env.adopt_roles(["Manager"]):
        for language, course_id, projects, audience, publish in (
            ("fr", "wikidata-fr", ("wikidata",), ("students",), True),
            ("fr", "commons-fr", ("commons", "wikipedia"), ("glam",), True),
            ("en", "drafted", ("wikipedia",), (), False),
        ):
            course = api.content.create(
                container=portal[language], type="Course", id=course_id,
                title=course_id.replace("-", " ").title(), projects=projects,
                audience=audience, organisation="Chapter",
            )
            if publish:
                api.content.create(container=course, type="Module", id="about", title="About")
                api.content.transition(course, to_state="published")
        closed = api.content.create(
            container=site["course"], type="CourseSession", id="old", title="Old session",
            start=date(2025, 1, 1), end=date(2025, 2, 1), wiki="en.wikipedia.org",
        )
        api.content.transition(closed, "open")
        api.content.transition(closed, "close")
    transaction.commit()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"intro", "wikidata-fr", "commons-fr"}),
        ("?language=fr", {"wikidata-fr", "commons-fr"}),
        ("?language=en", {"intro"}),
        ("?project=wikipedia", {"intro", "commons-fr"}),
        ("?language=fr&project=wikidata", {"wikidata-fr"}),
        ("?audience=glam", {"commons-fr"}),
        ("?q=Commons", {"commons-fr"}),
    ],
)
def test_filters(catalogue, client, query, expected):
    response = client().get(f"/@courses{query}")
    assert response.status_code == 200, response.text
    assert {item["@id"].rsplit("/", 1)[1] for item in response.json()["items"]} == expected


def test_course_item_with_its_open_public_sessions(catalogue, client):
    (intro,) = client().get("/@courses?language=en").json()["items"]
    assert intro["projects"] == ["wikipedia"]
    assert intro["license"] == "cc-by-sa-4.0"
    assert intro["organisation"] == "Wikimedia UK"
    assert intro["sessions"] == [
        {
            "@id": intro["@id"] + "/public-session",
            "title": "Public session",
            "kind": "public",
            "start": "2027-03-01",
            "end": "2027-04-30",
            "wiki": "en.wikipedia.org",
            "wikis": ["en.wikipedia.org"],
            "enrollment_policy": "open",
        }
    ]


def test_a_session_lists_its_other_wikis_also_after_the_upgrade(catalogue, site, client):
    """The catalog column other_wikis: kept as the session changes, and filled in by
    the upgrade step on a site whose catalog had no such column."""
    session, wikis = site["public"], ["en.wikipedia.org", "commons.wikimedia.org"]
    session.other_wikis = wikis[1:]
    session.reindexObject()
    transaction.commit()

    def listed():
        (intro,) = client().get("/@courses?language=en").json()["items"]
        return [(found["wiki"], found["wikis"]) for found in intro["sessions"]]

    assert listed() == [(wikis[0], wikis)]
    course_page = client().get(site["course"].absolute_url(),
                               headers={"Accept": "text/html"}).text
    assert "on <bdi>en.wikipedia.org, commons.wikimedia.org</bdi>" in course_page
    session_page = client().get(session.absolute_url(), headers={"Accept": "text/html"}).text
    assert "Other wikis" in session_page.split("wikimooc-facts")[1].split("</dl>")[0]

    catalog = api.portal.get_tool("portal_catalog")
    catalog.delColumn("other_wikis")
    transaction.commit()
    assert listed() == [(wikis[0], wikis[:1])]
    v20261203270.upgrade(api.portal.get_tool("portal_setup"))
    transaction.commit()
    assert listed() == [(wikis[0], wikis)]


def test_paginated(catalogue, client):
    page = client().get("/@courses?b_size=2").json()
    assert page["items_total"] == 3
    assert len(page["items"]) == 2
    assert "next" in page["batching"]


@pytest.mark.parametrize(
    "query, fragment",
    [
        ("?project=wikipedja", "Unknown project wikipedja"),
        ("?audience=robots", "Unknown audience robots"),
        ("?language=xx", "no language xx"),
    ],
)
def test_unknown_filter_values_are_a_400(catalogue, client, query, fragment):
    response = client().get(f"/@courses{query}")
    assert response.status_code == 400
    assert fragment in response.json()["error"]["message"]
