"""A lesson's videos: the players (Commons' files in the browser's own player;
PeerTube's embed and YouTube's privacy-enhanced embed, once the learner asks for them),
attribution, subtitle tracks and transcripts. Everything comes from the cache
(wikimooc.policy.video.cache): no host is asked. What the hosts said, for authors, is
viewlets.py's."""

from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlsplit
from wikimooc.policy.content.course import course_of
from wikimooc.policy.learner import course_learner
from wikimooc.policy.video.cache import playable
from wikimooc.policy.video.subtitles import as_transcript
from wikimooc.policy.video.subtitles import as_webvtt
from wikimooc.policy.video.subtitles import timestamp
from wikimooc.policy.video.uploaded import video_tracks
from wikimooc.policy.video.watching import watched_done
from zExceptions import NotFound
from zope.component import getMultiAdapter

import re


HOST_NAMES = {"commons": "Wikimedia Commons", "youtube": "YouTube"}
# The embeds' query: autoplay, since the learner just asked; PeerTube's Embed API on
# (video.js talks to it, for the share played and to learn that the instance answered).
PLAY_QUERY = {"youtube": "?autoplay=1", "peertube": "?api=1&autoplay=1"}


def clock(seconds):
    """``01:05`` under an hour, ``01:02:05`` from an hour on."""
    text = timestamp(seconds)[:8]
    return text[3:] if seconds < 3600 else text


def duration_words(seconds):
    return clock(seconds) if seconds else None


def page_language(context, request):
    state = getMultiAdapter((context, request), name="plone_portal_state")
    return (state.language() or "en").split("-")[0].lower()


class LessonVideos(BrowserView):
    """The videos of the lesson page (``@@wikimooc-videos``, in lesson.pt)."""

    def __call__(self):
        return self.index() if self.context.videos else ""

    def language(self):
        return page_language(self.context, self.request)

    def videos(self):
        language = self.language()
        shown = []
        for number, line in enumerate(self.context.videos or ()):
            found = playable(line)
            if found is None:
                shown.append({"number": number, "known": False, "address": line,
                              "link": line if re.match(r"^https?://", line) else None})
                continue
            shown.append(self.video(number, found, video_tracks(self.context, line, found),
                                    language))
        return shown

    def video(self, number, found, tracks, language):
        base = f"{self.context.absolute_url()}/@@video-"
        tracks = [{
            "lang": track["lang"], "label": track["label"],
            "src": f"{base}track?video={number}&lang={track['lang']}",
            "download": f"{base}transcript?video={number}&lang={track['lang']}",
            "default": track["lang"] == language,
            "cues": [{"start": start, "at": clock(start), "text": words}
                     for start, _end, words in track["cues"]],
        } for track in tracks]
        if tracks and not any(track["default"] for track in tracks):
            tracks[0]["shown"] = True
        for track in tracks:
            track.setdefault("shown", track["default"])
        return {
            "number": number, "known": True, "kind": found["kind"],
            "id": f"wikimooc-video-{number}", "title": found["title"],
            "duration": duration_words(found["duration"]),
            "licence": found["licence"], "licence_url": found["licence_url"],
            "author": found["author"], "page_url": found["page_url"],
            # A PeerTube video is named by its instance, which its learners are told of.
            "host": HOST_NAMES.get(found["kind"]) or urlsplit(found["page_url"]).netloc,
            "embed_url": found.get("embed_url"), "ident": found["ident"],
            "play_url": (found["embed_url"] + PLAY_QUERY.get(found["kind"], "")
                         if found.get("embed_url") else None),
            "sources": found.get("sources", []), "tracks": tracks,
        }

    def watching(self):
        """What the player reports to, for a learner of a lesson counted as watched:
        {url, sessions, threshold, done, youtube_api (the IFrame Player API's
        address, loaded only once the learner asks for a YouTube video)}; None
        otherwise."""
        lesson = self.context
        if not lesson.watched_share:
            return None
        learner = course_learner(course_of(lesson), self.request)
        if learner is None or not learner.sessions:
            return None
        return {
            "url": f"{lesson.absolute_url()}/@video-progress",
            "sessions": " ".join(session.getId() for session in learner.sessions),
            "threshold": lesson.watched_share,
            "done": any(watched_done(session, lesson, learner.wiki_username)
                        for session in learner.sessions),
            "youtube_api": api.portal.get_registry_record(
                "wikimooc.video_youtube_iframe_api", default=None),
        }


class VideoText(BrowserView):
    """One track of one of the lesson's videos (``?video=0&lang=fr``), as known."""

    def track(self):
        try:
            number = int(self.request.form.get("video", ""))
            line = (self.context.videos or ())[number]
        except (ValueError, IndexError, TypeError):
            raise NotFound("no such video") from None
        found = playable(line) if number >= 0 else None
        lang = self.request.form.get("lang")
        for track in video_tracks(self.context, line, found) if found else ():
            if track["lang"] == lang:
                return found, track
        raise NotFound("no such track")


class VideoTrack(VideoText):
    """The WebVTT the player's <track> loads: same origin, plain cue texts."""

    def __call__(self):
        _found, track = self.track()
        self.request.response.setHeader("Content-Type", "text/vtt; charset=utf-8")
        self.request.response.setHeader("X-Content-Type-Options", "nosniff")
        return as_webvtt(track["cues"])


class VideoTranscript(VideoText):
    """The transcript, downloaded as plain text."""

    def __call__(self):
        found, track = self.track()
        name = re.sub(r"[^\w.-]+", "_", found["title"])[:80] or "video"
        response = self.request.response
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        response.setHeader("X-Content-Type-Options", "nosniff")
        response.setHeader("Content-Disposition",
                           f'attachment; filename="{name}.{track["lang"]}.txt"')
        return as_transcript(found["title"], track["cues"])

