"""The upgrade step that brings Wikimedia login to an existing site."""

from plone import api
from plone.base.utils import get_installer
from wikimooc.policy.upgrades.v20261124004 import upgrade

import pytest


@pytest.fixture
def site_before_wikimedia_login(portal):
    installer = get_installer(portal)
    installer.uninstall_product("pas.plugins.authomatic")
    portal.portal_memberdata.manage_delProperties(["wiki_username"])
    assert "authomatic" not in portal.acl_users.objectIds()
    return portal


def test_the_upgrade_installs_the_login_and_the_members_wiki_properties(
    site_before_wikimedia_login, setup_tool
):
    portal = site_before_wikimedia_login
    upgrade(setup_tool)
    assert "authomatic" in portal.acl_users.objectIds()
    config = api.portal.get_registry_record(
        "pas.plugins.authomatic.interfaces.IPasPluginsAuthomaticSettings.json_config"
    )
    assert "wikimooc.policy.identity.provider.Wikimedia" in config
    assert portal.portal_memberdata.hasProperty("wiki_username")
    assert api.portal.get_registry_record("wikimooc.home_wiki") == "meta.wikimedia.org"
    assert "wikimooc" in [action.id for action in portal.portal_controlpanel.listActions()]
