from Acquisition import aq_parent
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["wikimooc.policy:uninstall"]


def post_install(setup_tool):
    """Create a language root folder for every available language."""
    SetupMultilingualSite().setupSite(aq_parent(setup_tool))
