"""Log in with Wikimedia: install pas.plugins.authomatic with our provider, the
WikiMOOC control panel and settings, and the members' wiki properties."""

from plone.base.utils import get_installer


PROFILE = "profile-wikimooc.policy:default"
STEPS = ("browserlayer", "plone.app.registry", "memberdata-properties", "controlpanel")


def upgrade(setup_tool):
    installer = get_installer(setup_tool)
    if not installer.is_product_installed("pas.plugins.authomatic"):
        installer.install_product("pas.plugins.authomatic")
    for step in STEPS:
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
