"""The upgrade step that brings the Wikimedia look to an existing site."""

from plone.app.viewletmanager.interfaces import IViewletSettingsStorage
from plone.base.interfaces.resources import IBundleRegistry
from plone.registry.interfaces import IRegistry
from wikimooc.theme.upgrades import v20261203101
from wikimooc.theme.upgrades.v20261124002 import upgrade
from zope.component import getUtility

import pytest


BUNDLE = "plone.bundles/wikimooc-theme"


@pytest.fixture
def site_before_the_look(portal):
    registry = getUtility(IRegistry)
    for name in [name for name in registry.records if name.startswith(BUNDLE)]:
        del registry.records[name]
    storage = getUtility(IViewletSettingsStorage)
    storage.setHidden("plone.portalheader", "Plone Default", ())
    portal.portal_types.LRF.default_view = "folder_listing"
    portal.portal_actions.user.manage_delObjects(["wikimooc_my_courses", "wikimooc_register"])
    portal.manage_permission("Show Toolbar", ["Authenticated"], acquire=False)
    return portal


def test_the_upgrade_brings_the_look(site_before_the_look, setup_tool):
    portal = site_before_the_look
    upgrade(setup_tool)
    bundles = getUtility(IRegistry).collectionOfInterface(IBundleRegistry, prefix="plone.bundles")
    bundle = bundles["wikimooc-theme"]
    assert bundle.csscompilation == "++plone++wikimooc.theme/wikimooc.css" and bundle.enabled
    hidden = getUtility(IViewletSettingsStorage).getHidden("plone.portalheader", "Plone Default")
    ours_instead = {"plone.searchbox", "plone.anontools", "plone.app.multilingual.languageselector"}
    assert ours_instead <= set(hidden)
    assert portal.portal_types.LRF.default_view == "catalogue"
    user_actions = set(portal.portal_actions.user.objectIds())
    assert {"wikimooc_my_courses", "wikimooc_register"} <= user_actions
    roles = {role["name"] for role in portal.rolesOfPermission("Show Toolbar") if role["selected"]}
    assert "Authenticated" not in roles and {"Teacher", "Course Author", "Editor"} <= roles


def test_owners_lose_the_toolbar_on_upgrade(portal, setup_tool):
    """Learners own what they post: before 20261203101, that showed them the toolbar."""
    portal.manage_permission("Show Toolbar", ["Manager", "Owner", "Teacher"], acquire=False)
    v20261203101.upgrade(setup_tool)
    roles = {role["name"] for role in portal.rolesOfPermission("Show Toolbar") if role["selected"]}
    assert "Owner" not in roles
    assert {"Manager", "Site Administrator", "Teacher", "Course Author", "Editor"} <= roles
