"""Languages: the bare site root leads to the language the browser prefers among
the site's language roots; vocabulary titles are in the page's language."""

from html import unescape
from plone import api

import re
import requests
import transaction


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def landing(site, accept_language=None, cookies=None):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    answer = requests.get(site["portal"].absolute_url(), headers=headers, cookies=cookies,
                          allow_redirects=False, timeout=30)
    assert answer.status_code == 302
    return answer.headers["Location"].removeprefix(site["portal"].absolute_url())


def test_the_root_leads_to_the_browsers_language(site):
    landings = {
        accept_language: landing(site, accept_language)
        for accept_language in (
            "fr-FR,fr;q=0.9,en;q=0.8", "fr", "en-GB,en;q=0.9",
            "es-ES,es;q=0.9,fr;q=0.7",  # no Spanish root: the next language that has one
            "ja", None,
        )
    }
    assert landings == {
        "fr-FR,fr;q=0.9,en;q=0.8": "/fr", "fr": "/fr", "en-GB,en;q=0.9": "/en",
        "es-ES,es;q=0.9,fr;q=0.7": "/fr", "ja": "/en", None: "/en",
    }
    # A language chosen before (the switcher's cookie) wins over the browser's.
    assert landing(site, "fr-FR,fr", cookies={"I18N_LANGUAGE": "en"}) == "/en"


def test_vocabulary_titles_are_in_the_pages_language(site, page):
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(
            container=site["portal"]["fr"], type="Course", id="cours", title="Cours",
            projects=("wikipedia",), audience=("partners", "volunteers"),
            organisation="Wikimédia France", organisation_kind="chapter",
        )
        api.content.create(container=course, type="Module", id="about", title="À propos")
        api.content.transition(course, to_state="published")
    transaction.commit()
    text = text_of(page().get("/fr/cours").text)
    assert "Chapter partners" not in text and "Wikimedia volunteers" not in text
    assert "Partenaires des associations, Bénévoles Wikimedia" in text
