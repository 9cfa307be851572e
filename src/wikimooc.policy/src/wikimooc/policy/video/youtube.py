"""A YouTube video: its id comes from any of YouTube's address forms; its title and
channel from YouTube's oEmbed endpoint (the ``wikimooc.video_youtube_oembed``
record), asked once, when the author adds it. Learners' browsers ask nothing of
YouTube until they click: the player is youtube-nocookie.com's."""

from plone import api
from wikimooc.policy import _
from wikimooc.policy.video.remote import get
from wikimooc.policy.video.sources import VideoRefused
from wikimooc.policy.video.text import plain_text


OEMBED = "https://www.youtube.com/oembed"
EMBED = "https://www.youtube-nocookie.com/embed/{ident}"
WATCH = "https://www.youtube.com/watch?v={ident}"


def resolve_youtube(source):
    endpoint = api.portal.get_registry_record("wikimooc.video_youtube_oembed",
                                              default=None) or OEMBED
    watch = WATCH.format(ident=source.ident)
    response = get(endpoint, {"url": watch, "format": "json"}, host="YouTube")
    if response.status_code in (401, 403):
        raise VideoRefused(400, _("This YouTube video cannot be embedded in other sites."))
    try:
        found = response.json() if response.status_code == 200 else None
    except ValueError:
        found = None
    if not isinstance(found, dict):
        raise VideoRefused(404, _("There is no YouTube video ${video}.",
                                  mapping={"video": source.ident}))
    return youtube_entry(source.ident, plain_text(found.get("title")),
                         plain_text(found.get("author_name"), 200))


def youtube_entry(ident, title="", author=""):
    """What the player needs of the YouTube video ``ident``: its id is enough to embed
    it (oEmbed adds only its title and channel)."""
    return {
        "title": title or ident,
        "duration": None,
        "licence": "",
        "licence_url": "",
        "author": author,
        "page_url": WATCH.format(ident=ident),
        "embed_url": EMBED.format(ident=ident),
        "tracks": [],
    }
