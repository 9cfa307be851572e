"""The upgrade steps that bring WikiMOOC's footer to an existing site: its
viewlets instead of Plone's (theme), its privacy and terms addresses (policy)."""

from plone import api
from plone.app.viewletmanager.interfaces import IViewletSettingsStorage
from plone.registry.interfaces import IRegistry
from wikimooc.policy.identity.settings import wikimooc_settings
from wikimooc.policy.upgrades.v20261203040 import upgrade as add_footer_settings
from wikimooc.theme.upgrades.v20261203030 import upgrade as show_our_footer
from zope.component import getUtility


MANAGER, SKIN = "plone.portalfooter", "Plone Default"


def test_the_theme_step_shows_our_footer_and_hides_plones(portal, setup_tool):
    storage = getUtility(IViewletSettingsStorage)
    storage.setOrder(MANAGER, SKIN, ("plone.footer", "plone.colophon", "plone.site_actions"))
    storage.setHidden(MANAGER, SKIN, ("plone.colophon",))
    show_our_footer(setup_tool)
    assert storage.getOrder(MANAGER, SKIN)[:2] == ("wikimooc.footer", "wikimooc.local_times")
    assert set(storage.getHidden(MANAGER, SKIN)) == {
        "plone.footer", "plone.colophon", "plone.site_actions"
    }


def test_the_policy_step_adds_the_addresses_and_keeps_changed_ones(portal, setup_tool):
    registry = getUtility(IRegistry)
    del registry.records["wikimooc.privacy_url"]
    del registry.records["wikimooc.terms_url"]
    api.portal.set_registry_record("wikimooc.home_wiki", "fr.wikipedia.org")
    add_footer_settings(setup_tool)
    settings = wikimooc_settings()
    assert settings.privacy_url.endswith("/Policy:Privacy_policy")
    assert settings.terms_url.endswith("/Policy:Terms_of_Use")
    assert settings.home_wiki == "fr.wikipedia.org"
    api.portal.set_registry_record("wikimooc.terms_url", "https://example.org/terms")
    add_footer_settings(setup_tool)
    assert wikimooc_settings().terms_url == "https://example.org/terms"
