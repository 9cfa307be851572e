"""What the hosts said about each video, kept in an annotation of the site (an
OOBTree keyed by the source's key, one JSON string each): lesson pages read it and
never ask a host. A video is asked for when an author adds it, and refreshed in the
background (``refresh_stale``, daily); a refresh that fails keeps what was known, so
the player's attribution and the transcript stay when the host is down."""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from persistent import Persistent
from plone import api
from wikimooc.policy.video.commons import resolve_file
from wikimooc.policy.video.peertube import resolve_peertube
from wikimooc.policy.video.sources import read_source
from wikimooc.policy.video.sources import Source
from wikimooc.policy.video.sources import VideoRefused
from wikimooc.policy.video.youtube import resolve_youtube
from wikimooc.policy.video.youtube import youtube_entry
from wikimooc.workflows.annotations import annotation

import contextlib
import json
import transaction


CACHE_ANNOTATION = "wikimooc.policy.video.cache"
RESOLVERS = {"commons": resolve_file, "peertube": resolve_peertube, "youtube": resolve_youtube}
STALE_AFTER = timedelta(days=7)


class VideoCache(Persistent):
    def __init__(self):
        self.videos = OOBTree()


def video_cache(create=True):
    return annotation(api.portal.get(), CACHE_ANNOTATION, VideoCache, create=create)


def ask_host(source):
    """What ``source``'s host says now; VideoRefused when it refuses or is down."""
    found = RESOLVERS[source.kind](source)
    return {"kind": source.kind, "host": source.host, "ident": source.ident, **found,
            "fetched": datetime.now(UTC).isoformat(timespec="seconds")}


def look_up(text):
    """The video ``text`` names, asked of its host and kept; VideoRefused else."""
    source = read_source(text)
    found = ask_host(source)
    video_cache().videos[source.key] = json.dumps(found, sort_keys=True)
    return found


def cached(text):
    """What is known of the video ``text`` names, without asking its host: a dict,
    or None (not a known kind of source, or never looked up)."""
    try:
        source = read_source(text)
    except VideoRefused:
        return None
    stored = video_cache(create=False)
    value = stored.videos.get(source.key) if stored is not None else None
    return json.loads(value) if value else None


def playable(text):
    """What the player shows of the video ``text`` names: what is known of it, and
    for a YouTube video never asked (an imported course's), what its id gives."""
    found = cached(text)
    if found is None:
        with contextlib.suppress(VideoRefused):
            source = read_source(text)
            if source.kind == "youtube":
                found = {"kind": source.kind, "host": source.host, "ident": source.ident,
                         **youtube_entry(source.ident)}
    return found


def refresh_stale(now=None, commit=True):
    """Ask again of every video known for longer than STALE_AFTER; one that cannot
    be asked now keeps what was known. Returns (refreshed, kept)."""
    stored = video_cache(create=False)
    if stored is None:
        return 0, 0
    limit = ((now or datetime.now(UTC)) - STALE_AFTER).isoformat(timespec="seconds")
    refreshed = kept = 0
    for key, value in list(stored.videos.items()):
        known = json.loads(value)
        if known.get("fetched", "") > limit:
            continue
        source = read_source_of(known)
        try:
            stored.videos[key] = json.dumps(ask_host(source), sort_keys=True)
            refreshed += 1
        except VideoRefused:
            kept += 1
        if commit:
            transaction.commit()
    return refreshed, kept


def read_source_of(known):
    return Source(known["kind"], known["host"], known["ident"])
