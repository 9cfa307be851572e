"""Video lessons over REST: what the platform knows of a lesson's videos (as its
page shows them), an author's look-up of a video before adding it, and a learner's
player reporting how much it played (``@video-progress``)."""

from plone import api
from wikimooc.policy import _
from wikimooc.policy.quiz.attempts import learner_sessions
from wikimooc.policy.video.cache import look_up
from wikimooc.policy.video.cache import playable
from wikimooc.policy.video.uploaded import video_tracks
from wikimooc.policy.video.watching import report_watching
from wikimooc.policy.video.watching import watched
from wikimooc.policy.video.watching import watching_session
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import LoginRequired
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data


def current_member():
    return None if api.user.is_anonymous() else api.user.get_current()


def video_summary(found, tracks=None):
    """A video as REST clients read it: what its page shows, subtitles by language
    (``tracks``: the host's and the lesson's own; the host's when not given)."""
    return {
        "kind": found["kind"],
        "title": found["title"],
        "duration": found["duration"],
        "licence": found["licence"],
        "licence_url": found["licence_url"],
        "author": found["author"],
        "page_url": found["page_url"],
        "embed_url": found.get("embed_url"),
        "sources": found.get("sources", []),
        "subtitles": [{"lang": track["lang"], "label": track["label"],
                       "cues": len(track["cues"])}
                      for track in (found["tracks"] if tracks is None else tracks)],
        "fetched": found.get("fetched"),
    }


def progress(lesson, session, username):
    found = watched(session, lesson, username)
    return {"session": session.getId(), "threshold": lesson.watched_share or 0,
            "share": found.share if found else 0.0, "done": bool(found and found.done)}


class VideosGet(RefusingService):
    """The lesson's videos: each as known (``known: false`` for an address the
    platform cannot play, shown as a link)."""

    def answer(self):
        lesson = self.context
        items = []
        for line in lesson.videos or ():
            found = playable(line)
            items.append({"source": line, "known": found is not None,
                          **(video_summary(found, video_tracks(lesson, line, found))
                             if found else {})})
        return {"@id": f"{lesson.absolute_url()}/@videos", "items": items,
                "items_total": len(items), "watched_share": lesson.watched_share or 0}


class VideoLookupGet(RefusingService):
    """``?source=``: what its host says of a video an author means to add."""

    def answer(self):
        source = self.request.form.get("source")
        if not isinstance(source, str):
            raise BadRequest(400, _("Give a Commons file, a PeerTube address or a YouTube"
                                    " address."))
        return video_summary(look_up(source))


class VideoProgressPost(RefusingService):
    """The learner's player: ``{"seconds": watched, "duration": of the video,
    "session": id (when several)}``; the share recorded and whether the lesson is done."""

    def answer(self):
        data = request_data(self.request)
        if not isinstance(data, dict):
            raise BadRequest(400, _("Give \"seconds\" watched and the video's \"duration\","
                                    " in seconds."))
        lesson = self.context
        session, username = watching_session(lesson, current_member(), data.get("session"))
        report_watching(lesson, session, username, data.get("seconds"), data.get("duration"))
        return progress(lesson, session, username)


class VideoProgressGet(RefusingService):
    """The current learner's watching of the lesson, in each session they learn in."""

    def answer(self):
        member = current_member()
        if member is None:
            raise LoginRequired(401, _("Log in so that your watching counts."))
        username, sessions = learner_sessions(self.context, member)
        items = [progress(self.context, session, username) for session in sessions]
        return {"@id": f"{self.context.absolute_url()}/@video-progress", "items": items}
