"""Video lessons: the records wikimooc.video_file_wiki and wikimooc.video_youtube_oembed,
and each lesson's former ``video_url`` moved, as it was, into its list of ``videos``
(a page shows a link for an address it cannot play). The records and the attribute
names are written here as they were introduced, so that the step does not depend
on later schemas."""

from plone import api
from plone.registry import field
from plone.registry.interfaces import IRegistry
from plone.registry.record import Record
from zope.component import getUtility

import logging


logger = logging.getLogger(__name__)
INTERFACE = "wikimooc.policy.interfaces.IWikimoocSettings"
RECORDS = {
    "video_file_wiki": (field.TextLine, "Wiki of video files", "commons.wikimedia.org"),
    "video_youtube_oembed": (field.URI, "YouTube oEmbed endpoint",
                             "https://www.youtube.com/oembed"),
}


def add_records():
    registry = getUtility(IRegistry)
    for name, (kind, title, default) in RECORDS.items():
        if f"wikimooc.{name}" in registry.records:
            continue
        definition = kind(title=title, default=default)
        definition.interfaceName, definition.fieldName = INTERFACE, name
        registry.records[f"wikimooc.{name}"] = Record(definition, default)


def move_video_urls():
    catalog = api.portal.get_tool("portal_catalog")
    moved = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Lesson"):
        lesson = brain._unrestrictedGetObject()
        url = lesson.__dict__.get("video_url")
        if "video_url" in lesson.__dict__:
            del lesson.video_url
        if url:
            videos = list(lesson.__dict__.get("videos") or [])
            if url not in videos:
                lesson.videos = [url, *videos]
            moved += 1
    logger.info("Moved the video address of %s lessons into their videos", moved)


def upgrade(setup_tool):
    add_records()
    move_video_urls()
