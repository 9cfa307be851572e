"""The practice link: the learner's page on the session's wiki, in the exercise's
editor, from its preload template, with its tour, and the way back to the course."""

from plone import api
from urllib.parse import parse_qs
from urllib.parse import urlsplit
from wikimooc.policy.roundtrips import help_url
from wikimooc.policy.roundtrips import practice_links

import pytest


@pytest.fixture
def module(course):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=course, type="Module", id="basics", title="Basics")


def add(module, portal_type, **fields):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=module, type=portal_type, **fields)


def query_of(url):
    return parse_qs(urlsplit(url).query)


def test_an_exercise_opens_its_page_in_its_editor_with_its_template_and_tour(module):
    exercise = add(
        module, "Exercise", id="draft", title="Your draft", check="wiki",
        wiki_action="create_page", title_pattern="User:{username}/Brouillon",
        edit_mode="source", preload_template="Modèle:Brouillon WikiMOOC",
        tour="firstedit", tour_step="save",
    )
    links = practice_links(exercise, "fr.wikipedia.org", "Camille Dupont", "fr")
    url = links["practice_url"]
    assert url.startswith("https://fr.wikipedia.org/wiki/User:Camille_Dupont/Brouillon?")
    query = query_of(url)
    assert query["action"] == ["edit"] and "veaction" not in query
    assert query["preload"] == ["Modèle:Brouillon WikiMOOC"]
    assert query["preloadparams[]"] == [exercise.absolute_url(), "Your draft"]
    assert query["tour"] == ["firstedit"] and query["step"] == ["save"]
    assert exercise.absolute_url() in query["summary"][0]
    assert links["page"] == "User:Camille Dupont/Brouillon"
    assert links["contributions_url"].endswith("Special:Contributions/Camille_Dupont")


def test_visual_editor_without_template_nor_tour(module):
    exercise = add(module, "Exercise", title="Edit", check="wiki", wiki_action="edit_page")
    query = query_of(practice_links(exercise, "en.wikipedia.org", "Ada", "en")["practice_url"])
    assert query["veaction"] == ["edit"]
    assert not {"action", "preload", "preloadparams[]", "tour", "step"} & set(query)
    assert exercise.absolute_url() in query["summary"][0]


@pytest.mark.parametrize("language, page", [
    ("fr", "User:Ada/Brouillon"), ("en", "User:Ada/sandbox"), ("pt", "User:Ada/sandbox"),
])
def test_a_lesson_practises_in_the_sandbox(module, language, page):
    lesson = add(
        module, "Lesson", title="Wikis", tour="twa1", wiki_pages=["Wikipedia:Five pillars"]
    )
    links = practice_links(lesson, "en.wikipedia.org", "Ada", language)
    assert links["page"] == page
    assert query_of(links["practice_url"])["tour"] == ["twa1"]
    assert links["lesson_pages"] == [{
        "title": "Wikipedia:Five pillars",
        "url": "https://en.wikipedia.org/wiki/Wikipedia:Five_pillars",
    }]


def test_a_tour_step_without_a_tour_is_ignored(module):
    lesson = add(module, "Lesson", title="Wikis", tour_step="intro")
    assert "step" not in query_of(
        practice_links(lesson, "en.wikipedia.org", "Ada", "en")["practice_url"]
    )


@pytest.mark.parametrize("host, language, expected", [
    ("fr.wikipedia.org", "fr", "https://fr.wikipedia.org/wiki/Aide:Accueil"),
    ("en.wikipedia.org", "en", "https://en.wikipedia.org/wiki/Help:Contents"),
    ("www.wikidata.org", "fr",
     "https://www.wikidata.org/wiki/Special:MyLanguage/Help:Contents?uselang=fr"),
    ("fr.wiktionary.org", "fr",
     "https://fr.wiktionary.org/wiki/Special:MyLanguage/Help:Contents?uselang=fr"),
])
def test_help_pages_in_the_sessions_language(portal, host, language, expected):
    assert help_url(host, language) == expected


def test_a_mapped_wiki_gets_index_php_links(module):
    api.portal.set_registry_record("wikimooc.wikis", {"127.0.0.1:8181": "http://127.0.0.1:8181/api.php"})
    lesson = add(module, "Lesson", title="Wikis", tour="twa1", tour_step="3")
    url = practice_links(lesson, "127.0.0.1:8181", "Ada", "en")["practice_url"]
    assert url.startswith("http://127.0.0.1:8181/index.php?title=User:Ada/sandbox&veaction=edit&")
    assert url.endswith("&tour=twa1&step=3")
