"""The learners groups as Plone's group lookups see them (over HTTP:
tests/security/test_hostile_input.py), and the upgrade step that lets them."""

from plone import api
from Products.PlonePAS.interfaces.group import IGroupIntrospection
from Products.PluggableAuthService.interfaces.plugins import IGroupEnumerationPlugin
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.pas import PLUGIN_ID
from wikimooc.policy.upgrades.v20261203030 import upgrade

import pytest


def test_a_learners_group_resolves_while_its_session_exists(portal, members, make_session):
    session = make_session(title="Spring")
    with api.env.adopt_roles(["Manager"]):
        add_learners(session, ["Ada"], added_by="teacher")
    group_id = "wikimooc-learners-" + session.UID()
    groups = api.portal.get_tool("portal_groups")
    group = groups.getGroupById(group_id)
    assert group.getProperty("title") == "Learners of Spring"
    assert list(groups.getGroupMembers(group_id)) == ["ada"]
    assert group_id in api.user.get(username="ada").getGroups()
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(session)
    assert groups.getGroupById(group_id) is None


@pytest.mark.parametrize(
    "group_id", ["Administrators", "wikimooc-learners-", "wikimooc-learners-x"]
)
def test_other_ids_are_not_the_plugins(portal, group_id):
    assert portal.acl_users[PLUGIN_ID].getGroupById(group_id) is None


def test_only_an_exact_id_enumerates_a_learners_group(portal, make_session):
    session = make_session()
    plugin = portal.acl_users[PLUGIN_ID]
    group_id = "wikimooc-learners-" + session.UID()
    assert [found["id"] for found in plugin.enumerateGroups(id=group_id, exact_match=True)] == [
        group_id
    ]
    assert plugin.enumerateGroups(id=group_id) == ()
    assert plugin.enumerateGroups(title="Learners") == ()


def test_the_upgrade_step_activates_the_group_lookups(portal, make_session):
    plugins = portal.acl_users.plugins
    for interface in (IGroupIntrospection, IGroupEnumerationPlugin):
        plugins.deactivatePlugin(interface, PLUGIN_ID)
    session = make_session()
    group_id = "wikimooc-learners-" + session.UID()
    assert api.portal.get_tool("portal_groups").getGroupById(group_id) is None
    upgrade(portal.portal_setup)
    assert api.portal.get_tool("portal_groups").getGroupById(group_id) is not None
    upgrade(portal.portal_setup)  # a second run changes nothing
    assert plugins.listPluginIds(IGroupIntrospection).count(PLUGIN_ID) == 1
