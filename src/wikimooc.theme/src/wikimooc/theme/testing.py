"""Test layers of WikiMOOC: a Plone site with the three WikiMOOC packages installed."""

from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE
from wikimooc.policy.site import PACKAGES

import os
import wikimooc.theme


# As in the rendered zope.conf: the .po catalogues are compiled when ZCML loads.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")


class WikimoocLayer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        # plone.autoinclude is off in test layers; the theme's ZCML includes the
        # packages below it.
        self.loadZCML(package=wikimooc.theme)

    def setUpPloneSite(self, portal):
        for package in PACKAGES:
            applyProfile(portal, f"{package}:default")


WIKIMOOC_FIXTURE = WikimoocLayer()

WIKIMOOC_INTEGRATION_TESTING = IntegrationTesting(
    bases=(WIKIMOOC_FIXTURE,), name="WikimoocLayer:IntegrationTesting"
)

WIKIMOOC_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(WIKIMOOC_FIXTURE, WSGI_SERVER_FIXTURE),
    name="WikimoocLayer:FunctionalTesting",
)
