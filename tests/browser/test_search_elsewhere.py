"""The header's search stays in the page's language, but when it finds few courses
or none there it offers those of the other languages: "wikidata" from /en leads to
the German Wikidata course."""

from html import unescape
from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite

import pytest
import re
import transaction


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def titles(html):
    return re.findall(r'class="wikimooc-card__title"><a dir="auto" href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def german_wikidata_course(site):
    portal = site["portal"]
    languages = api.portal.get_registry_record("plone.available_languages")
    api.portal.set_registry_record("plone.available_languages", [*languages, "de"])
    SetupMultilingualSite().setupSite(portal)
    with api.env.adopt_roles(["Manager"]):
        for root, course_id, title in (
            ("de", "wikidata", "Wikidata für Einsteiger"),
            ("fr", "wikidata", "Wikidata pour les bibliothèques"),
            ("en", "editing", "Editing Wikipedia"),
        ):
            course = api.content.create(
                container=portal[root], type="Course", id=course_id, title=title,
                projects=("wikidata",), organisation="Wikimedia Deutschland",
            )
            api.content.create(container=course, type="Module", id="about", title="About")
            api.content.transition(course, to_state="published")
    transaction.commit()


def test_a_search_that_finds_nothing_here_offers_the_other_languages(german_wikidata_course, page):
    html = page().get("/en/@@catalogue?q=wikidata").text
    text = text_of(html)
    assert "0 courses found" in text
    assert "In other languages" in text
    assert titles(html) == ["Wikidata für Einsteiger", "Wikidata pour les bibliothèques"]
    assert re.search(r'href="[^"]+/de/wikidata"', html)
    assert "language=all" in unescape(html)

    # A search that finds enough in the page's language stays there.
    with api.env.adopt_roles(["Manager"]):
        for number in range(3):
            course = api.content.create(
                container=api.portal.get()["en"], type="Course", id=f"wikidata-{number}",
                title=f"Wikidata {number}", projects=("wikidata",), organisation="WMUK",
            )
            api.content.create(container=course, type="Module", id="about", title="About")
            api.content.transition(course, to_state="published")
    transaction.commit()
    html = page().get("/en/@@catalogue?q=wikidata").text
    assert "In other languages" not in text_of(html)
    assert titles(html) == ["Wikidata 0", "Wikidata 1", "Wikidata 2"]
    # Nor does the catalogue offer them when no text is searched.
    assert "In other languages" not in page().get("/fr").text
