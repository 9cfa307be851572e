from Acquisition import aq_parent
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.base.interfaces import INonInstallable
from wikimooc.policy.pas import install_plugin
from wikimooc.policy.pas import uninstall_plugin
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["wikimooc.policy:uninstall"]


def post_install(setup_tool):
    """Create a language root folder for every available language; install the
    learners groups plugin."""
    portal = aq_parent(setup_tool)
    SetupMultilingualSite().setupSite(portal)
    install_plugin(portal)


def uninstall(setup_tool):
    uninstall_plugin(aq_parent(setup_tool))
