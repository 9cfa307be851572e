"""WikiMOOC's footer: its viewlets shown, Plone's footer portlets, colophon and
site actions hidden."""

from plone.app.viewletmanager.interfaces import IViewletSettingsStorage
from zope.component import getUtility


MANAGER, SKIN = "plone.portalfooter", "Plone Default"
SHOWN = ("wikimooc.footer", "wikimooc.local_times")
HIDDEN = ("plone.footer", "plone.colophon", "plone.site_actions")


def upgrade(setup_tool):
    storage = getUtility(IViewletSettingsStorage)
    order = [name for name in storage.getOrder(MANAGER, SKIN) if name not in SHOWN]
    storage.setOrder(MANAGER, SKIN, (*SHOWN, *order))
    hidden = [name for name in storage.getHidden(MANAGER, SKIN) if name not in SHOWN]
    storage.setHidden(MANAGER, SKIN, tuple(dict.fromkeys((*hidden, *HIDDEN))))
