from plone.base.interfaces import INonInstallable
from plone.browserlayer.utils import registered_layers
from Products.PluggableAuthService.interfaces.plugins import IGroupsPlugin
from wikimooc.policy.interfaces import IWikimoocPolicyLayer
from wikimooc.policy.pas import PLUGIN_ID
from wikimooc.policy.site import PACKAGES
from wikimooc.theme.interfaces import IWikimoocThemeLayer
from wikimooc.workflows.interfaces import IWikimoocWorkflowsLayer
from zope.component import getAllUtilitiesRegisteredFor

import pytest


LAYERS = {
    "wikimooc.policy": IWikimoocPolicyLayer,
    "wikimooc.theme": IWikimoocThemeLayer,
    "wikimooc.workflows": IWikimoocWorkflowsLayer,
}


@pytest.mark.parametrize("package", PACKAGES)
def test_package_installed(installer, package):
    assert installer.is_product_installed(package)


@pytest.mark.parametrize("package", PACKAGES)
def test_browser_layer_registered(browser_layers, package):
    assert LAYERS[package] in browser_layers


@pytest.mark.parametrize(
    "dependency",
    [
        "plone.app.contenttypes",
        "plone.restapi",
        "plone.app.multilingual",
        "plonetheme.barceloneta",
    ],
)
def test_policy_installs_its_dependencies(installer, dependency):
    assert installer.is_product_installed(dependency)


@pytest.mark.parametrize("package", PACKAGES)
def test_uninstall_removes_package_and_layer(portal, installer, package):
    installer.uninstall_product(package)
    assert not installer.is_product_installed(package)
    assert LAYERS[package] not in registered_layers()


@pytest.mark.parametrize("package", PACKAGES)
def test_addons_panel_offers_default_and_hides_uninstall_profile(installer, package):
    hidden = {
        profile
        for utility in getAllUtilitiesRegisteredFor(INonInstallable)
        for profile in utility.getNonInstallableProfiles()
    }
    assert installer.get_install_profile(package)["id"] == f"{package}:default"
    assert f"{package}:uninstall" in hidden


def test_learners_groups_plugin_is_an_active_groups_plugin(portal):
    plugins = portal.acl_users.plugins.listPluginIds(IGroupsPlugin)
    assert PLUGIN_ID in plugins


def test_uninstalling_the_policy_removes_the_learners_groups_plugin(portal, installer):
    installer.uninstall_product("wikimooc.policy")
    assert PLUGIN_ID not in portal.acl_users.objectIds()
