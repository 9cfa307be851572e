"""Video lessons: the record wikimooc.video_youtube_iframe_api (the address of
YouTube's IFrame Player API, which reports a YouTube video's watched share), written
here as it was introduced, so that the step does not depend on later schemas."""

from plone.registry import field
from plone.registry.interfaces import IRegistry
from plone.registry.record import Record
from zope.component import getUtility


INTERFACE = "wikimooc.policy.interfaces.IWikimoocSettings"
NAME = "video_youtube_iframe_api"
DEFAULT = "https://www.youtube.com/iframe_api"


def upgrade(setup_tool):
    registry = getUtility(IRegistry)
    if f"wikimooc.{NAME}" in registry.records:
        return
    definition = field.URI(title="YouTube IFrame Player API", default=DEFAULT)
    definition.interfaceName, definition.fieldName = INTERFACE, NAME
    registry.records[f"wikimooc.{NAME}"] = Record(definition, DEFAULT)
