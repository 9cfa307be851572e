"""A PAS groups plugin that puts every enrolled member in the learners group of
their sessions. The learners group holds the Learner local role on its session,
which is what lets learners see a private session, in search results too.

Plone groups would do the same but keep each group's members in one set, rewritten
by every enrollment (200 kB a write at 10,000 learners); here membership is keyed
by user, so an enrollment only touches its learner's own entry.
"""

from AccessControl.class_init import InitializeClass
from BTrees.OOBTree import OOBTree
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IGroupsPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from zope.interface import implementer


PLUGIN_ID = "wikimooc_learners"


@implementer(IGroupsPlugin)
class LearnersGroups(BasePlugin):
    meta_type = "WikiMOOC learners groups"

    def __init__(self, id, title=None):
        self._setId(id)
        self.title = title
        self.groups_by_user = OOBTree()

    def getGroupsForPrincipal(self, principal, request=None):
        return self.groups_by_user.get(principal.getId(), ())

    def join(self, user_id, group_id):
        groups = self.groups_by_user.get(user_id, ())
        if group_id not in groups:
            self.groups_by_user[user_id] = (*groups, group_id)

    def leave(self, user_id, group_id):
        groups = tuple(group for group in self.groups_by_user.get(user_id, ()) if group != group_id)
        if groups:
            self.groups_by_user[user_id] = groups
        else:
            self.groups_by_user.pop(user_id, None)


InitializeClass(LearnersGroups)


def install_plugin(portal):
    acl_users = portal.acl_users
    if PLUGIN_ID not in acl_users.objectIds():
        acl_users._setObject(PLUGIN_ID, LearnersGroups(PLUGIN_ID, "WikiMOOC learners"))
        acl_users.plugins.activatePlugin(IGroupsPlugin, PLUGIN_ID)


def uninstall_plugin(portal):
    if PLUGIN_ID in portal.acl_users.objectIds():
        portal.acl_users._delObject(PLUGIN_ID)


def learners_groups():
    return api.portal.get_tool("acl_users")[PLUGIN_ID]
