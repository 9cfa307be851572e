"""Arabic, the first right-to-left interface language: offered, with its language
root (/ar), on an existing site; its pages read right to left (wikimooc.theme)."""

from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite


ARABIC = "ar"


def upgrade(setup_tool):
    # The root is published only if whoever creates it may publish it; the language
    # settings' own subscriber creates it as soon as the language is offered.
    with api.env.adopt_roles(["Manager"]):
        available = api.portal.get_registry_record("plone.available_languages")
        if ARABIC not in available:
            api.portal.set_registry_record("plone.available_languages", [*available, ARABIC])
        SetupMultilingualSite().setupSite(api.portal.get())
