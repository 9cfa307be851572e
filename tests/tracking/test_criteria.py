"""Matching contributions to exercises, with a French wiki's namespaces (siteinfo in
the shape MediaWiki's API gives it with formatversion=2)."""

from types import SimpleNamespace
from wikimooc.policy.tracking.criteria import action_matches
from wikimooc.policy.tracking.criteria import cheap_match
from wikimooc.policy.tracking.criteria import text_matches
from wikimooc.policy.tracking.storage import Contribution
from wikimooc.policy.tracking.titles import parse_site_info

import pytest


FRENCH_WIKI = parse_site_info({
    "general": {"case": "first-letter", "lang": "fr"},
    "namespaces": {
        "0": {"id": 0, "name": "", "case": "first-letter"},
        "2": {"id": 2, "name": "Utilisateur", "canonical": "User"},
        "3": {"id": 3, "name": "Discussion utilisateur", "canonical": "User talk"},
        "6": {"id": 6, "name": "Fichier", "canonical": "File"},
    },
    "namespacealiases": [{"id": 2, "alias": "Utilisatrice"}, {"id": 6, "alias": "Image"}],
})


def contribution(title, namespace, username="Camille Dupont", new=True, sizediff=300, comment=""):
    return Contribution(1, 0, username, namespace, title, "2027-01-01T00:00:00Z", 300,
                        sizediff, new, comment)


def exercise(**criteria):
    values = {"wiki_action": "create_page", "namespace": None, "title_pattern": None,
              "min_bytes": 0, "required_text": None, "required_text_is_pattern": False}
    return SimpleNamespace(**{**values, **criteria})


@pytest.mark.parametrize(
    "pattern, title, namespace, matches",
    [
        ("User:{username}/Brouillon", "Utilisateur:Camille Dupont/Brouillon", 2, True),
        ("Utilisatrice:{username}/Brouillon", "Utilisateur:Camille Dupont/Brouillon", 2, True),
        ("user:{username}/Brouillon", "Utilisateur:Camille Dupont/Brouillon", 2, True),
        ("User:{username}/Mon_brouillon", "Utilisateur:Camille Dupont/Mon brouillon", 2, True),
        ("User:{username}/brouillon", "Utilisateur:Camille Dupont/Brouillon", 2, False),
        ("User:{username}/Brouillon", "Discussion utilisateur:Camille Dupont/Brouillon", 3, False),
        ("User:{username}/Brouillon", "Utilisateur:Someone Else/Brouillon", 2, False),
        ("{username}", "Camille Dupont", 0, True),
    ],
)
def test_title_patterns_match_by_namespace_and_normalised_title(pattern, title, namespace, matches):
    assert cheap_match(
        exercise(title_pattern=pattern), contribution(title, namespace), FRENCH_WIKI
    ) is matches


@pytest.mark.parametrize(
    "action, change, matches",
    [
        ("create_page", {"new": True}, True),
        ("create_page", {"new": False}, False),
        ("edit_page", {"new": False}, True),
        ("upload_file", {"namespace": 6, "title": "Fichier:Photo.jpg"}, True),
        ("upload_file", {"namespace": 0}, False),
        ("add_statement", {"comment": "/* wbcreateclaim-create:1| */ [[Property:P31]]"}, True),
        ("add_statement", {"comment": "/* wbsetlabel-add:1|fr */ chat"}, False),
    ],
)
def test_actions(action, change, matches):
    values = {"title": "Chat", "namespace": 0, **change}
    found = contribution(values.pop("title"), values.pop("namespace"), **values)
    assert action_matches(action, found) is matches


def test_too_few_bytes_do_not_count():
    wanted = exercise(wiki_action="edit_page", min_bytes=500)
    assert not cheap_match(wanted, contribution("Chat", 0, sizediff=499), FRENCH_WIKI)
    assert cheap_match(wanted, contribution("Chat", 0, sizediff=500), FRENCH_WIKI)


@pytest.mark.parametrize(
    "criteria, text, parent, matches",
    [
        ({"wiki_action": "add_reference"}, "A.<ref>B</ref>", "A.", True),
        ({"wiki_action": "add_reference"}, "A.<ref>B</ref> more", "A.<ref>B</ref>", False),
        ({"wiki_action": "edit_page", "required_text": "{{Ébauche"}, "{{Ébauche|chat}}", "", True),
        ({"wiki_action": "edit_page", "required_text": "{{Ébauche"}, "Rien", "", False),
        ({"wiki_action": "edit_page", "required_text": r"\[\[Catégorie:[^]]+\]\]",
          "required_text_is_pattern": True}, "x [[Catégorie:Chat]]", "", True),
    ],
)
def test_text_criteria(criteria, text, parent, matches):
    assert text_matches(exercise(**criteria), text, parent) is matches
