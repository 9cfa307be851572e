"""The page cache in front of Zope keeps a site's pages only once the site counts
its settings changes."""

from plone import api
from wikimooc.policy.pagecache.validity import count_settings_changes


def upgrade(setup_tool):
    count_settings_changes(api.portal.get())
