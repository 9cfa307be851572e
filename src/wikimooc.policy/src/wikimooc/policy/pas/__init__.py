"""A PAS groups plugin that puts every enrolled member in the learners group of
their sessions. The learners group holds the Learner local role on its session,
which is what lets learners see a private session, in search results too.

Plone groups would do the same but keep each group's members in one set, rewritten
by every enrollment (200 kB a write at 10,000 learners); here membership is keyed
by user, so an enrollment only touches its learner's own entry.

Plone's own group lookups (``portal_groups.getGroupById``, which plone.restapi's
``@users`` and the sharing page use for every group of a member) find these groups
too: a learners group id resolves while its session exists, to a group titled after
the session, whose members are the session's learners with an account. They are
found by id only: no search lists them (nor, therefore, the titles of private
sessions), and only enrolling and leaving change who is in them.
"""

from AccessControl.class_init import InitializeClass
from BTrees.OOBTree import OOBTree
from plone import api
from plone.app.uuid.utils import uuidToObject
from Products.PlonePAS.interfaces.group import IGroupIntrospection
from Products.PluggableAuthService.interfaces.plugins import IGroupEnumerationPlugin
from Products.PluggableAuthService.interfaces.plugins import IGroupsPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from Products.PluggableAuthService.PropertiedUser import PropertiedUser
from zope.interface import implementer


PLUGIN_ID = "wikimooc_learners"
LEARNERS_GROUP_PREFIX = "wikimooc-learners-"
INTERFACES = (IGroupsPlugin, IGroupIntrospection, IGroupEnumerationPlugin)


class LearnersGroup(PropertiedUser):
    """A session's learners group as a principal: it has no roles of its own (the
    session gives its Learner role as a local role) and no password."""

    def __init__(self, group_id, title):
        super().__init__(group_id)
        self.id = group_id
        self.title = title
        self.addPropertysheet(PLUGIN_ID, {"title": title, "description": ""})

    def isGroup(self):
        return True

    def getName(self):
        return self.id

    def getRoles(self):
        return []

    def getRolesInContext(self, context):
        return []

    def allowed(self, object, object_roles=None):
        return 0


@implementer(*INTERFACES)
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

    # IGroupIntrospection

    def session_of(self, group_id):
        """The session whose learners group ``group_id`` is, or None."""
        if not isinstance(group_id, str) or not group_id.startswith(LEARNERS_GROUP_PREFIX):
            return None
        found = uuidToObject(group_id[len(LEARNERS_GROUP_PREFIX):], unrestricted=True)
        return found if getattr(found, "portal_type", None) == "CourseSession" else None

    def getGroupById(self, group_id, default=None):
        session = self.session_of(group_id)
        if session is None:
            return default
        return LearnersGroup(group_id, f"Learners of {session.Title()}").__of__(self)

    def getGroups(self):
        return []

    def getGroupIds(self):
        return []

    def getGroupMembers(self, group_id):
        session = self.session_of(group_id)
        if session is None:
            return ()
        return tuple(
            learner.user_id for learner in session.enrollments.learners.values() if learner.user_id
        )

    # IGroupEnumerationPlugin: by exact id only.

    def enumerateGroups(self, id=None, exact_match=False, sort_by=None, max_results=None, **kw):
        if not exact_match or not id:
            return ()
        found = []
        for group_id in [id] if isinstance(id, str) else id:
            session = self.session_of(group_id)
            if session is not None:
                found.append({
                    "id": group_id, "title": f"Learners of {session.Title()}",
                    "pluginid": self.getId(),
                })
        return tuple(found[:max_results] if max_results else found)


InitializeClass(LearnersGroups)


def install_plugin(portal):
    """Add the plugin and activate it for every interface it serves (idempotent:
    upgrades call it to activate interfaces added since)."""
    acl_users = portal.acl_users
    if PLUGIN_ID not in acl_users.objectIds():
        acl_users._setObject(PLUGIN_ID, LearnersGroups(PLUGIN_ID, "WikiMOOC learners"))
    for interface in INTERFACES:
        if PLUGIN_ID not in acl_users.plugins.listPluginIds(interface):
            acl_users.plugins.activatePlugin(interface, PLUGIN_ID)


def uninstall_plugin(portal):
    if PLUGIN_ID in portal.acl_users.objectIds():
        portal.acl_users._delObject(PLUGIN_ID)


def learners_groups():
    return api.portal.get_tool("acl_users")[PLUGIN_ID]
