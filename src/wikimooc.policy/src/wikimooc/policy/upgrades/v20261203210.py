"""Live mode: the records wikimooc.live_stream_enabled and wikimooc.live_stream_url,
written here as they were introduced, so that the step does not depend on later
schemas."""

from plone.registry import field
from plone.registry.interfaces import IRegistry
from plone.registry.record import Record
from zope.component import getUtility


INTERFACE = "wikimooc.policy.interfaces.IWikimoocSettings"


def records():
    enabled = field.Bool(title="Follow the wikis' recent changes live", default=True,
                         required=False)
    url = field.URI(title="Recent changes stream",
                    default="https://stream.wikimedia.org/v2/stream/recentchange")
    return {"live_stream_enabled": enabled, "live_stream_url": url}


def upgrade(setup_tool):
    registry = getUtility(IRegistry)
    for name, definition in records().items():
        if f"wikimooc.{name}" in registry.records:
            continue
        definition.interfaceName, definition.fieldName = INTERFACE, name
        registry.records[f"wikimooc.{name}"] = Record(definition, definition.default)
