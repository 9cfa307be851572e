"""The footer's privacy policy and terms of use addresses (registry records
wikimooc.privacy_url and wikimooc.terms_url, in the WikiMOOC control panel), the
Wikimedia Foundation's until changed. The records are described here as they were
added, so that the step does not depend on the settings' schema of later releases."""

from plone.registry import field
from plone.registry.interfaces import IRegistry
from plone.registry.record import Record
from zope.component import getUtility


INTERFACE = "wikimooc.policy.interfaces.IWikimoocSettings"
RECORDS = {
    "privacy_url": (
        "Privacy policy",
        "https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Privacy_policy",
    ),
    "terms_url": (
        "Terms of use",
        "https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Terms_of_Use",
    ),
}


def upgrade(setup_tool):
    registry = getUtility(IRegistry)
    for name, (title, default) in RECORDS.items():
        if f"wikimooc.{name}" in registry.records:
            continue
        definition = field.URI(title=title, default=default)
        definition.interfaceName, definition.fieldName = INTERFACE, name
        registry.records[f"wikimooc.{name}"] = Record(definition, default)
