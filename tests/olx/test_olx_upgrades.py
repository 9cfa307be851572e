"""The two upgrade steps of the Open edX import: the registry records of the
archive limits (policy) and the import and export actions (theme)."""

from plone import api
from plone.registry.interfaces import IRegistry
from wikimooc.policy.upgrades import v20261203100
from wikimooc.theme.upgrades import v20261203150
from wikimooc.workflows.permissions import ADD_COURSE
from zope.component import getUtility


def test_the_policy_step_adds_the_limits(portal):
    registry = getUtility(IRegistry)
    for name in ("wikimooc.olx_max_files", "wikimooc.olx_max_bytes"):
        del registry.records[name]
    v20261203100.upgrade(api.portal.get_tool("portal_setup"))
    assert registry["wikimooc.olx_max_files"] == 5000
    assert registry["wikimooc.olx_max_bytes"] == 200 * 1024 * 1024


def test_the_theme_step_adds_the_actions(portal):
    category = api.portal.get_tool("portal_actions")["object_buttons"]
    category.manage_delObjects(["wikimooc_import_olx", "wikimooc_export_olx"])
    v20261203150.upgrade(api.portal.get_tool("portal_setup"))
    assert category["wikimooc_import_olx"].permissions == (ADD_COURSE,)
    assert category["wikimooc_export_olx"].permissions == ("View",)
    assert category["wikimooc_import_olx"].url_expr == "string:${object_url}/@@import-olx"


def test_a_new_site_has_them_as_the_steps_add_them(portal):
    category = api.portal.get_tool("portal_actions")["object_buttons"]
    assert category["wikimooc_import_olx"].permissions == (ADD_COURSE,)
    assert category["wikimooc_export_olx"].title == "Export as Open edX course"
