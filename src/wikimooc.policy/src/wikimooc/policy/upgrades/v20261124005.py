"""Caching: plone.app.caching with its rules for a site without a caching proxy, and
ours (anonymous visitors only), with the values of this release. New sites get the
current ones from setuphandlers; a later change of them comes with its own step."""

from plone import api
from plone.base.utils import get_installer


ANONYMOUS_ONLY_CACHING = (
    ("plone.caching.interfaces.ICacheSettings.enabled", True),
    ("plone.app.caching.weakCaching.anonOnly", True),
    ("plone.app.caching.terseCaching.anonOnly", True),
)


def upgrade(setup_tool):
    installer = get_installer(setup_tool)
    if not installer.is_product_installed("plone.app.caching"):
        installer.install_product("plone.app.caching")
    setup_tool.runAllImportStepsFromProfile("profile-plone.app.caching:without-caching-proxy")
    for record, value in ANONYMOUS_ONLY_CACHING:
        api.portal.set_registry_record(record, value)
