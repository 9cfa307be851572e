"""Create the WikiMOOC site, or bring an existing one up to date without touching its content."""

from plone.base.utils import get_installer
from Products.CMFPlone.factory import addPloneSite
from wikimooc.policy.demo import create_demo_content
from zope.component.hooks import setSite
from zope.event import notify
from zope.traversing.interfaces import BeforeTraverseEvent


SITE_ID = "wikimooc"
SITE_TITLE = "WikiMOOC"
# The site's install list, in the order of their dependencies (each profile depends
# on the one before); each one's default profile is kept at its newest version.
PACKAGES = ("wikimooc.workflows", "wikimooc.policy", "wikimooc.theme")


def ensure_site(app, site_id=SITE_ID, with_demo_content=True):
    """Return ``(site, created)``; demo content is only added to a new site."""
    if site_id in app.objectIds():
        site = enter_site(app[site_id])
        upgrade_site(site)
        return site, False
    site = addPloneSite(
        app,
        site_id,
        title=SITE_TITLE,
        default_language="en",
        extension_ids=[f"{package}:default" for package in PACKAGES],
    )
    if with_demo_content:
        create_demo_content(enter_site(site))
    return site, True


def enter_site(site):
    """Set up the site and its browser layers on the request, as traversing to it
    does, so that add-on subscribers (e.g. multilingual's) run as in a web request."""
    setSite(site)
    notify(BeforeTraverseEvent(site, site.REQUEST))
    return site


def upgrade_site(site):
    """Run Plone's own pending upgrades, then ours; install packages added since."""
    migration = site.portal_migration
    if migration.needUpgrading():
        migration.upgrade(swallow_errors=False)
    installer = get_installer(site)
    for package in PACKAGES:
        if installer.is_product_installed(package):
            site.portal_setup.upgradeProfile(f"{package}:default")
        else:
            installer.install_product(package)
