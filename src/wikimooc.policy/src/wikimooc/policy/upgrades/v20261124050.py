"""Plone's group lookups find the learners groups: the learners groups plugin is
activated as a group introspection and enumeration plugin too."""

from plone import api
from wikimooc.policy.pas import install_plugin


def upgrade(setup_tool):
    install_plugin(api.portal.get())
