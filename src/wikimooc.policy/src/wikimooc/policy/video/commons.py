"""A file of the file wiki (Wikimedia Commons), through its Action API.

With TimedMediaHandler (Commons): ``prop=videoinfo`` with ``viprop=derivatives`` and
``viprop=timedtext`` gives the transcoded derivatives and the subtitle tracks, whose
``src`` is ``action=timedtext`` (raw SubRip or WebVTT). Without it (a plain
MediaWiki, which does not know ``videoinfo`` and warns), core's ``prop=imageinfo``
gives the original file, and the subtitles are the pages of the TimedText namespace
(710) named ``TimedText:<File name>.<language>.srt``, read through the API.
Licence and author come from ``extmetadata`` either way."""

from wikimooc.policy import _
from wikimooc.policy.video.remote import get
from wikimooc.policy.video.remote import get_json
from wikimooc.policy.video.remote import unreachable
from wikimooc.policy.video.remote import utf8_text
from wikimooc.policy.video.sources import VideoRefused
from wikimooc.policy.video.subtitles import read_cues
from wikimooc.policy.video.text import language_code
from wikimooc.policy.video.text import plain_text
from wikimooc.policy.video.text import safe_url
from wikimooc.policy.wikis import api_url
from wikimooc.policy.wikis import page_url


TIMEDTEXT_NAMESPACE = 710
FILE_PROPERTIES = "url|mime|size|mediatype|extmetadata"
EXTMETADATA = "LicenseShortName|LicenseUrl|Artist|Credit|ObjectName"
MAX_TRACKS = 40


def query(host, **params):
    answer = get_json(api_url(host), {"action": "query", "format": "json",
                                      "formatversion": "2", **params}, host)
    if not isinstance(answer, dict) or ("query" not in answer and "warnings" not in answer):
        raise unreachable(host)
    return answer


def first_page(answer):
    pages = answer.get("query", {}).get("pages") or [{}]
    return pages[0] if isinstance(pages[0], dict) else {}


def file_info(host, title):
    """(the file's info, whether the wiki has TimedMediaHandler)."""
    answer = query(host, titles=title, prop="videoinfo",
                   viprop=FILE_PROPERTIES + "|derivatives|timedtext",
                   viextmetadatafilter=EXTMETADATA)
    page = first_page(answer)
    if "videoinfo" in page:
        return (page["videoinfo"] or [None])[0], True
    if page.get("missing") and not page.get("known"):
        return None, False
    answer = query(host, titles=title, prop="imageinfo", iiprop=FILE_PROPERTIES,
                   iiextmetadatafilter=EXTMETADATA)
    return (first_page(answer).get("imageinfo") or [None])[0], False


def metadata_value(info, name):
    value = (info.get("extmetadata") or {}).get(name) or {}
    return plain_text(value.get("value") if isinstance(value, dict) else None)


def resolve_file(source):
    """What the player and the attribution need of ``source``'s file."""
    host, title = source.host, source.ident
    info, with_tmh = file_info(host, title)
    if not info:
        raise VideoRefused(404, _("There is no file ${file} on ${wiki}.",
                                  mapping={"file": title, "wiki": host}))
    mime = plain_text(info.get("mime"), 100)
    if info.get("mediatype") != "VIDEO" and not mime.startswith("video/"):
        raise VideoRefused(400, _("${file} is not a video (it is ${kind}).",
                                  mapping={"file": title, "kind": mime or "?"}))
    original = {"src": safe_url(info.get("url")), "type": mime}
    derivatives = [
        {"src": safe_url(item.get("src")), "type": plain_text(item.get("type"), 100)}
        for item in info.get("derivatives") or () if isinstance(item, dict)
    ]
    tracks = timedtext_tracks(host, info) if with_tmh else timedtext_pages(host, title)
    duration = info.get("duration")
    return {
        "title": metadata_value(info, "ObjectName") or title.split(":", 1)[1],
        "duration": round(float(duration), 3) if isinstance(duration, int | float) else None,
        "licence": metadata_value(info, "LicenseShortName"),
        "licence_url": safe_url(metadata_value(info, "LicenseUrl")),
        "author": metadata_value(info, "Artist") or metadata_value(info, "Credit"),
        "page_url": page_url(host, title),
        "sources": distinct_sources([*derivatives, original]),
        "tracks": tracks,
    }


def distinct_sources(sources):
    """The derivatives first, then the original unless TimedMediaHandler listed it
    among them already (it does, with an empty transcode key)."""
    seen = set()
    found = []
    for source in sources:
        if source["src"] and source["src"] not in seen:
            seen.add(source["src"])
            found.append(source)
    return found


def add_subtitles_url(source, lang):
    """Where to write the ``lang`` subtitles of ``source``'s file on its wiki."""
    name = source.ident.split(":", 1)[1]
    return page_url(source.host, f"TimedText:{name}.{lang}.srt", {"action": "edit"})


def timedtext_tracks(host, info):
    """TimedMediaHandler's tracks: one request per language, of its SubRip."""
    tracks = {}
    for track in info.get("timedtext") or ():
        lang = language_code(track.get("srclang")) if isinstance(track, dict) else ""
        src = safe_url(track.get("src")) if lang else ""
        if not src or lang in tracks or len(tracks) >= MAX_TRACKS:
            continue
        response = get(src, host=host)
        if response.status_code == 200:
            tracks[lang] = {"lang": lang, "label": plain_text(track.get("label"), 80) or lang,
                            "cues": read_cues(utf8_text(response))}
    return list(tracks.values())


def timedtext_pages(host, title):
    """The TimedText pages of ``title`` (``TimedText:Name.webm.fr.srt``), read in one
    request of the API."""
    name = title.split(":", 1)[1]
    answer = query(host, generator="allpages", gapnamespace=TIMEDTEXT_NAMESPACE,
                   gapprefix=name + ".", gaplimit=MAX_TRACKS, prop="revisions",
                   rvprop="content", rvslots="main")
    tracks = []
    for page in sorted(answer.get("query", {}).get("pages") or (),
                       key=lambda page: page.get("title", "")):
        suffix = page.get("title", "").split(":", 1)[-1][len(name) + 1:]
        lang, _dot, extension = suffix.rpartition(".")
        lang = language_code(lang)
        revisions = page.get("revisions") or [{}]
        content = revisions[0].get("slots", {}).get("main", {}).get("content")
        if lang and extension in ("srt", "vtt") and content:
            tracks.append({"lang": lang, "label": lang, "cues": read_cues(content)})
    return tracks
