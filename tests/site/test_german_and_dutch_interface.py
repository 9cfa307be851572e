"""The demo's German and Dutch courses speak their language: pages under the /de and
/nl roots show the wikimooc messages of the three packages' de and nl catalogues (the
.po files compiled at start-up, as zope.conf does), plural messages in their forms,
and the toolbar shows the session's workflow state and transitions in the plone
domain's translations of wikimooc.workflows."""

from html_pages import html_client
from plone import api
from wikimooc.policy.demo import create_demo_content

import html
import pytest
import re
import transaction


PAGES = {
    "de": {
        "session": "/de/wikidata-und-das-semantic-web/offene-sitzung-2027",
        # theme templates, a policy vocabulary, the footer
        "messages": (
            'lang="de"', 'placeholder="Kurse suchen"', "Zum Einschreiben anmelden", "Kursplan",
            "Ein Durchgang von", "Öffentlicher MOOC", "Lehrende", "Fragen und Antworten (0)",
            "Datenschutzrichtlinie",
        ),
        "catalogue": "1 Kurs gefunden",
        # the open session's state, then its transitions
        "workflow": ["Offen", "Schließen", "Zurück zum Entwurf"],
    },
    "nl": {
        "session": "/nl/wikimedia-commons-vrije-licenties/open-sessie-2027",
        "messages": (
            'lang="nl"', 'placeholder="Cursussen zoeken"', "Inloggen om in te schrijven",
            "Cursusoverzicht", "Een sessie van", "Openbare MOOC", "Docenten",
            "Vragen en antwoorden (0)", "Privacybeleid",
        ),
        "catalogue": "1 cursus gevonden",
        "workflow": ["Open", "Sluiten", "Terug naar concept"],
    },
}


@pytest.fixture
def demo(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        create_demo_content(functional_portal)
    transaction.commit()


def workflow_menu(page):
    """The toolbar's workflow menu as its words: the state, then the transitions."""
    menu = page.split('id="plone-contentmenu-workflow"', 1)[1].split(">", 1)[1]
    menu = menu.split('id="plone-contentmenu-actions"', 1)[0]
    menu = re.sub(r"<svg.*?</svg>", "", menu, flags=re.S)
    words = [html.unescape(text.strip()) for text in re.split(r"<[^>]+>", menu)]
    return [word for word in words if word and word != "Status:"]


@pytest.mark.parametrize("language", sorted(PAGES))
def test_pages_in_the_roots_language(demo, client, language):
    expected = PAGES[language]
    visitor = html_client(client)
    page = visitor.get(expected["session"]).text
    missing = [message for message in expected["messages"] if message not in page]
    assert not missing, f"{language}: {missing}"
    assert "Log in to enroll" not in page and "Syllabus" not in page
    assert expected["catalogue"] in visitor.get(f"/{language}/@@catalogue").text

    as_manager = html_client(client, "manager").get(expected["session"]).text
    assert workflow_menu(as_manager)[:3] == expected["workflow"]
