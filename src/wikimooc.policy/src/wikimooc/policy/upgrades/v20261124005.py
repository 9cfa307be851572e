"""Caching: plone.app.caching with its rules for a site without a caching proxy, and
ours (anonymous visitors only)."""

from plone.base.utils import get_installer
from wikimooc.policy.setuphandlers import configure_caching


def upgrade(setup_tool):
    installer = get_installer(setup_tool)
    if not installer.is_product_installed("plone.app.caching"):
        installer.install_product("plone.app.caching")
    setup_tool.runAllImportStepsFromProfile("profile-plone.app.caching:without-caching-proxy")
    configure_caching()
