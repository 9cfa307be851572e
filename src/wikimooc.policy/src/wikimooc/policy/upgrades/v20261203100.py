"""Open edX import: the records wikimooc.olx_max_files and wikimooc.olx_max_bytes,
written here as they were introduced, so that the step does not depend on later
schemas."""

from plone.registry import field
from plone.registry.interfaces import IRegistry
from plone.registry.record import Record
from zope.component import getUtility


INTERFACE = "wikimooc.policy.interfaces.IWikimoocSettings"
RECORDS = {
    "olx_max_files": ("Open edX import: most files in an archive", 5000),
    "olx_max_bytes": ("Open edX import: most bytes an archive unpacks to", 200 * 1024 * 1024),
}


def upgrade(setup_tool):
    registry = getUtility(IRegistry)
    for name, (title, default) in RECORDS.items():
        if f"wikimooc.{name}" in registry.records:
            continue
        definition = field.Int(title=title, default=default, min=1)
        definition.interfaceName, definition.fieldName = INTERFACE, name
        registry.records[f"wikimooc.{name}"] = Record(definition, default)
