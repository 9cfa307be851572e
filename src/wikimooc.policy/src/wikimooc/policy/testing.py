"""Test layers of WikiMOOC: a Plone site with the three WikiMOOC packages installed."""

from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE

import os
import wikimooc.policy


# As in the rendered zope.conf: the .po catalogues are compiled when ZCML loads.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")


class WikimoocLayer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        # plone.autoinclude is off in test layers; the policy's ZCML includes the rest.
        self.loadZCML(package=wikimooc.policy)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "wikimooc.policy:default")


WIKIMOOC_FIXTURE = WikimoocLayer()

WIKIMOOC_INTEGRATION_TESTING = IntegrationTesting(
    bases=(WIKIMOOC_FIXTURE,), name="WikimoocLayer:IntegrationTesting"
)

WIKIMOOC_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(WIKIMOOC_FIXTURE, WSGI_SERVER_FIXTURE),
    name="WikimoocLayer:FunctionalTesting",
)
