"""The upgrade step that takes the user menu's links off the deprecated
globals_view/navigationRootUrl."""

from wikimooc.theme.upgrades.v20261124003 import upgrade

import pytest


DEPRECATED = "string:${globals_view/navigationRootUrl}/"


@pytest.mark.parametrize("action, view", [
    ("wikimooc_my_courses", "@@my-courses"),
    ("wikimooc_register", "@@wiki-register"),
])
def test_the_upgrade_moves_the_links_to_plone_portal_state(portal, setup_tool, action, view):
    link = portal.portal_actions.user[action]
    link._setPropValue("url_expr", DEPRECATED + view)
    upgrade(setup_tool)
    expression = link.getProperty("url_expr")
    assert expression == f"string:${{object/@@plone_portal_state/navigation_root_url}}/{view}"
