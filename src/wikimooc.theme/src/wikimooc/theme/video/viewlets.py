"""For authors, above a lesson and its edit form: what the hosts said of each of its
videos (title, duration, licence, author, subtitle languages), a warning when none
has subtitles in the course's language, and where to add them on Commons. The same
list, asked of the hosts while the author types (``@@video-lookup-summary``), under
the form's field."""

from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from wikimooc.policy.video.cache import ask_host
from wikimooc.policy.video.cache import playable
from wikimooc.policy.video.commons import add_subtitles_url
from wikimooc.policy.video.sources import read_source
from wikimooc.policy.video.uploaded import upload_track
from wikimooc.policy.video.uploaded import video_tracks
from wikimooc.theme import _
from wikimooc.theme.video.views import duration_words
from wikimooc.theme.video.views import page_language
from wikimooc.workflows.refusals import Attempt
from wikimooc.workflows.refusals import RefusingAction


MAX_LOOKED_UP = 10


def described(line, known, language, tracks=None):
    """``line`` as authors read it, from what its host said (``known``, or None) and
    its ``tracks`` (the host's when not given)."""
    if known is None:
        return {"address": line, "known": False}
    languages = [track["lang"] for track in (known["tracks"] if tracks is None else tracks)]
    return {
        "address": line, "known": True, "title": known["title"],
        "duration": duration_words(known["duration"]), "licence": known["licence"],
        "author": known["author"], "languages": ", ".join(languages),
        "missing_language": language not in languages,
        "add_url": (add_subtitles_url(read_source(line), language)
                    if known["kind"] == "commons" else None),
    }


def course_language(context, request):
    return (context.Language() or page_language(context, request)).split("-")[0]


class VideoAuthoringViewlet(ViewletBase):
    def update(self):
        super().update()
        lesson = self.context
        self.language = course_language(lesson, self.request)
        self.videos = []
        for line in lesson.videos or ():
            found = playable(line)
            self.videos.append(described(line, found, self.language,
                                         video_tracks(lesson, line, found)))
        self.uploadable = [entry["address"] for entry in self.videos if entry["known"]]

    def render(self):
        return self.index() if self.videos else ""


class VideoLookupSummary(BrowserView):
    """``?source:list=…``: the list above, asked of the hosts now (nothing is kept:
    saving the form keeps it), with each refusal's reason."""

    index = ViewPageTemplateFile("templates/authoring_viewlet.pt")

    def __call__(self):
        self.language = course_language(self.context, self.request)
        sources = self.request.form.get("source") or []
        sources = [sources] if isinstance(sources, str) else sources
        self.videos = [self.look_up(line.strip()) for line in sources[:MAX_LOOKED_UP]
                       if isinstance(line, str) and line.strip()]
        return self.index()

    def look_up(self, line):
        with Attempt() as attempt:
            return described(line, ask_host(read_source(line)), self.language)
        return {"address": line, "known": False, "refused": attempt.refused.message}


class SubtitlesUpload(RefusingAction):
    """The authoring box's form: a SubRip file as the subtitles of one of the
    lesson's videos in one language (replacing an uploaded track in that language)."""

    def act(self, form):
        upload = form.get("subtitles")
        lang = upload_track(self.context, form.get("video"), form.get("language"),
                            upload.read() if hasattr(upload, "read") else b"")
        return _("The ${language} subtitles are kept.", mapping={"language": lang})
