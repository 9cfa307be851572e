from plone import api
from video_hosts import serving_video_hosts
from video_hosts import upload_lecture

import pytest
import transaction


@pytest.fixture(scope="session")
def lecture_on_wiki(mediawiki, tmp_path_factory):
    """The real local MediaWiki with the WebM, its TimedText pages and a PNG."""
    return upload_lecture(mediawiki, tmp_path_factory.mktemp("videos"))


@pytest.fixture(scope="session")
def video_hosts(lecture_on_wiki):
    """The loopback stand-in (TimedMediaHandler wiki, PeerTube, YouTube oEmbed)."""
    with serving_video_hosts(lecture_on_wiki) as hosts:
        yield hosts


@pytest.fixture
def commons_is(portal):
    """``commons_is(api_url)``: Commons' API is there for the test; YouTube's oEmbed
    is the stand-in's (``youtube_oembed``)."""

    def commons_is(api_url, youtube_oembed=None):
        api.portal.set_registry_record("wikimooc.wikis", {"commons.wikimedia.org": api_url})
        if youtube_oembed:
            api.portal.set_registry_record("wikimooc.video_youtube_oembed", youtube_oembed)

    return commons_is


@pytest.fixture
def functional_commons_is(functional_portal):
    def commons_is(api_url, youtube_oembed=None):
        api.portal.set_registry_record("wikimooc.wikis", {"commons.wikimedia.org": api_url})
        if youtube_oembed:
            api.portal.set_registry_record("wikimooc.video_youtube_oembed", youtube_oembed)
        transaction.commit()

    return commons_is
