"""A PeerTube video, through its instance's REST API: ``GET /api/v1/videos/{id}``
(name, duration, licence, account, ``embedPath``) and ``GET
/api/v1/videos/{id}/captions`` (WebVTT captions, read for the transcript)."""

from urllib.parse import urljoin
from urllib.parse import urlsplit
from wikimooc.policy import _
from wikimooc.policy.video.remote import get
from wikimooc.policy.video.remote import get_json
from wikimooc.policy.video.remote import utf8_text
from wikimooc.policy.video.sources import unknown_host
from wikimooc.policy.video.sources import VideoRefused
from wikimooc.policy.video.subtitles import read_cues
from wikimooc.policy.video.text import language_code
from wikimooc.policy.video.text import plain_text
from wikimooc.policy.video.text import safe_url


MAX_TRACKS = 40


def same_host_url(instance, path):
    """``path`` of the instance, only if it stays on the instance."""
    url = safe_url(urljoin(instance + "/", path)) if isinstance(path, str) else ""
    return url if urlsplit(url).netloc == urlsplit(instance).netloc else ""


def resolve_peertube(source):
    instance, ident = source.host, source.ident
    host = urlsplit(instance).netloc
    response = get(f"{instance}/api/v1/videos/{ident}", host=host)
    if response.status_code == 404:
        raise VideoRefused(404, _("There is no video at this address on ${host}.",
                                  mapping={"host": host}))
    try:
        video = response.json() if response.status_code == 200 else None
    except ValueError:
        video = None
    if not isinstance(video, dict) or not isinstance(video.get("embedPath"), str):
        raise unknown_host(host)
    licence = video.get("licence") if isinstance(video.get("licence"), dict) else {}
    account = video.get("account") if isinstance(video.get("account"), dict) else {}
    duration = video.get("duration")
    short = plain_text(video.get("shortUUID") or video.get("uuid") or ident, 60)
    return {
        "title": plain_text(video.get("name")) or ident,
        "duration": float(duration) if isinstance(duration, int | float) else None,
        "licence": plain_text(licence.get("label"), 100),
        "licence_url": "",
        "author": plain_text(account.get("displayName") or account.get("name"), 200),
        "page_url": f"{instance}/w/{short}",
        "embed_url": same_host_url(instance, video["embedPath"]),
        "tracks": captions(instance, ident, host),
    }


def captions(instance, ident, host):
    listed = get_json(f"{instance}/api/v1/videos/{ident}/captions", host=host) or {}
    tracks = {}
    for caption in listed.get("data") or () if isinstance(listed, dict) else ():
        language = caption.get("language") if isinstance(caption, dict) else None
        lang = language_code(language.get("id")) if isinstance(language, dict) else ""
        src = same_host_url(instance, caption.get("fileUrl") or caption.get("captionPath"))
        if not lang or not src or lang in tracks or len(tracks) >= MAX_TRACKS:
            continue
        response = get(src, host=host)
        if response.status_code == 200:
            tracks[lang] = {"lang": lang, "label": plain_text(language.get("label"), 80) or lang,
                            "cues": read_cues(utf8_text(response))}
    return list(tracks.values())
