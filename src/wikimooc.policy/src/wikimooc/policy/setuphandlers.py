from Acquisition import aq_parent
from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.base.interfaces import INonInstallable
from wikimooc.policy.pagecache.validity import count_settings_changes
from wikimooc.policy.pas import install_plugin
from wikimooc.policy.pas import uninstall_plugin
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["wikimooc.policy:uninstall"]


CACHING = {
    "plone.caching.interfaces.ICacheSettings.enabled": True,
    "plone.app.caching.weakCaching.anonOnly": True,
    "plone.app.caching.terseCaching.anonOnly": True,
}


def configure_caching():
    """plone.app.caching's rules for a site without a caching proxy keep public pages
    in each instance's RAM, keyed by ETags that change with every catalogued change
    (a saved course shows at once). Only for anonymous visitors: logged-in visitors,
    and so private sessions, always get a fresh page."""
    for record, value in CACHING.items():
        api.portal.set_registry_record(record, value)


def post_install(setup_tool):
    """Create a language root folder for every available language; install the
    learners groups plugin; configure caching."""
    portal = aq_parent(setup_tool)
    SetupMultilingualSite().setupSite(portal)
    install_plugin(portal)
    configure_caching()
    count_settings_changes(portal)


def uninstall(setup_tool):
    uninstall_plugin(aq_parent(setup_tool))
