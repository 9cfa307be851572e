"""For authors, above a lesson and its edit form: what the hosts said of each of its
videos (title, duration, licence, author, subtitle languages), a warning when none
has subtitles in the course's language, and where to add them on Commons."""

from plone.app.layout.viewlets import ViewletBase
from wikimooc.policy.video.cache import cached
from wikimooc.policy.video.commons import add_subtitles_url
from wikimooc.policy.video.sources import read_source
from wikimooc.theme.video.views import duration_words
from wikimooc.theme.video.views import page_language


def described(line, language):
    known = cached(line)
    if known is None:
        return {"address": line, "known": False}
    languages = [track["lang"] for track in known["tracks"]]
    return {
        "address": line, "known": True, "title": known["title"],
        "duration": duration_words(known["duration"]), "licence": known["licence"],
        "author": known["author"], "languages": ", ".join(languages),
        "missing_language": language not in languages,
        "add_url": (add_subtitles_url(read_source(line), language)
                    if known["kind"] == "commons" else None),
    }


class VideoAuthoringViewlet(ViewletBase):
    def update(self):
        super().update()
        lesson = self.context
        self.language = (lesson.Language() or page_language(lesson, self.request)).split("-")[0]
        self.videos = [described(line, self.language) for line in lesson.videos or ()]

    def render(self):
        return self.index() if self.videos else ""
