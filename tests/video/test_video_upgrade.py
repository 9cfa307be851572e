"""The upgrade steps of video lessons: a lesson's former ``video_url`` goes, as it
was, into its videos; the settings and the player's bundle are added."""

from plone import api
from plone.base.interfaces.resources import IBundleRegistry
from plone.registry.interfaces import IRegistry
from wikimooc.policy.upgrades import v20261203070
from wikimooc.theme.upgrades import v20261203120
from zope.component import getUtility

import pytest


@pytest.fixture
def old_lessons(course):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=course, type="Module", id="m", title="M")
        lessons = [api.content.create(container=module, type="Lesson", id=name, title=name)
                   for name in ("linked", "plain", "both")]
    lessons[0].video_url = "https://commons.wikimedia.org/wiki/File:Wikipedia_Tutorial.webm"
    lessons[1].video_url = None
    lessons[2].video_url = "https://example.org/video.mp4"
    lessons[2].videos = ["File:Other.webm"]
    for lesson in lessons[:2]:
        lesson.__dict__.pop("videos", None)  # as lessons made before videos were
    registry = getUtility(IRegistry)
    for name in v20261203070.RECORDS:
        del registry.records[f"wikimooc.{name}"]
    return lessons


def test_video_urls_move_into_videos(old_lessons, setup_tool):
    v20261203070.upgrade(setup_tool)
    linked, plain, both = old_lessons
    assert linked.videos == ["https://commons.wikimedia.org/wiki/File:Wikipedia_Tutorial.webm"]
    assert plain.videos == []
    assert both.videos == ["https://example.org/video.mp4", "File:Other.webm"]
    assert all("video_url" not in lesson.__dict__ for lesson in old_lessons)
    assert api.portal.get_registry_record("wikimooc.video_file_wiki") == "commons.wikimedia.org"
    assert api.portal.get_registry_record("wikimooc.video_youtube_oembed") == (
        "https://www.youtube.com/oembed")
    v20261203070.upgrade(setup_tool)  # twice: nothing more changes
    assert both.videos == ["https://example.org/video.mp4", "File:Other.webm"]


def test_the_player_bundle_is_added(portal, setup_tool):
    registry = getUtility(IRegistry)
    for name in [name for name in registry.records if name.startswith(v20261203120.PREFIX)]:
        del registry.records[name]
    v20261203120.upgrade(setup_tool)
    bundle = registry.collectionOfInterface(IBundleRegistry, prefix="plone.bundles")[
        "wikimooc-video"]
    assert bundle.jscompilation == "++plone++wikimooc.theme/video.js" and bundle.enabled
    assert bundle.csscompilation == "++plone++wikimooc.theme/video.css"
    assert "Lesson" in bundle.expression
