"""The upgrade step of alerts: the per-wiki deletion categories and templates come
beside wikimooc.wikis, which keeps its host → API URL map for its readers."""

from plone import api
from plone.registry.interfaces import IRegistry
from wikimooc.policy.alerts.watching import deletion_markers
from wikimooc.policy.upgrades import v20261203220
from zope.component import getUtility


def test_the_step_adds_the_defaults_and_leaves_the_wikis_alone(portal):
    registry = getUtility(IRegistry)
    api.portal.set_registry_record("wikimooc.wikis", {"fr.wikipedia.org": "http://local/api.php"})
    del registry.records["wikimooc.deletion_watch"]
    v20261203220.upgrade(api.portal.get_tool("portal_setup"))
    assert deletion_markers("fr.wikipedia.org") == [
        "Catégorie:Page proposée à la suppression",
        "Catégorie:Page soumise à une procédure de suppression",
    ]
    assert "Category:Articles for deletion" in deletion_markers("en.wikipedia.org")
    assert deletion_markers("de.wikipedia.org") == []
    assert registry["wikimooc.wikis"] == {"fr.wikipedia.org": "http://local/api.php"}
    # A second run keeps what the site changed.
    registry["wikimooc.deletion_watch"] = {"fr.wikipedia.org": "Modèle:Suppression"}
    v20261203220.upgrade(api.portal.get_tool("portal_setup"))
    assert deletion_markers("fr.wikipedia.org") == ["Modèle:Suppression"]


def test_a_new_site_has_the_same_defaults(portal):
    assert api.portal.get_registry_record("wikimooc.deletion_watch")["en.wikipedia.org"] == (
        "Category:Articles for deletion|Category:All articles proposed for deletion"
        "|Category:Candidates for speedy deletion"
    )
