"""What keeps a page in the page cache valid, on the Zope side: the site counts its
settings changes (from install, or from the upgrade step for an older site), and any
change to the registry counts."""

from plone import api
from wikimooc.policy.pagecache.validity import SETTINGS_CHANGES
from wikimooc.policy.upgrades.v20261124040 import upgrade
from wikimooc.workflows.annotations import annotation
from zope.annotation.interfaces import IAnnotations

import pytest


def settings_changes(portal):
    return annotation(portal, SETTINGS_CHANGES, None, create=False)


def test_a_new_site_counts_its_settings_changes(portal):
    assert settings_changes(portal) is not None


@pytest.mark.parametrize("record, value", [
    ("plone.caching.interfaces.ICacheSettings.enabled", False),
    ("plone.site_title", "Another title"),
    ("wikimooc.check_interval_seconds", 120),
])
def test_every_registry_change_counts(portal, record, value):
    before = settings_changes(portal)()
    api.portal.set_registry_record(record, value)
    assert settings_changes(portal)() == before + 1


def test_the_upgrade_step_starts_counting_on_an_older_site(portal, setup_tool):
    del IAnnotations(portal)[SETTINGS_CHANGES]
    upgrade(setup_tool)
    assert settings_changes(portal)() == 0
