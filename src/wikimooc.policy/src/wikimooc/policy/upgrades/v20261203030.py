"""Plone's group lookups find the learners groups: the learners groups plugin
(installed by 20261124002) is activated as a group introspection and enumeration
plugin too."""

from plone import api
from Products.PlonePAS.interfaces.group import IGroupIntrospection
from Products.PluggableAuthService.interfaces.plugins import IGroupEnumerationPlugin


PLUGIN_ID = "wikimooc_learners"


def upgrade(setup_tool):
    acl_users = api.portal.get_tool("acl_users")
    if PLUGIN_ID not in acl_users.objectIds():
        return
    for interface in (IGroupIntrospection, IGroupEnumerationPlugin):
        if PLUGIN_ID not in acl_users.plugins.listPluginIds(interface):
            acl_users.plugins.activatePlugin(interface, PLUGIN_ID)
