from plone.dexterity.content import Item
from wikimooc.policy import _
from wikimooc.policy.content.practice import IWikiPractice
from wikimooc.policy.video.cache import cached
from wikimooc.policy.video.cache import look_up
from wikimooc.workflows.refusals import Attempt
from zope import schema
from zope.interface import implementer
from zope.schema import ValidationError


MAX_VIDEOS = 10


class VideoNotUsable(ValidationError):
    """Why one of the videos given cannot be used (the host's refusal, translated)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def doc(self):
        return self.message


def usable_videos(lines):
    """Each line names a video its host knows (which is then kept, see
    wikimooc.policy.video.cache); the first that does not is the error. A video
    known already stays usable while its host cannot be reached."""
    if len(lines) > MAX_VIDEOS:
        raise VideoNotUsable(_("A lesson holds at most ${count} videos.",
                               mapping={"count": MAX_VIDEOS}))
    for line in lines:
        with Attempt() as attempt:
            look_up(line)
        refused = attempt.refused
        # A host that is down leaves a video already known as it was known.
        if refused is not None and not (refused.status == 503 and cached(line) is not None):
            raise VideoNotUsable(refused.message)
    return True


class ILesson(IWikiPractice):
    """Rich text (from the rich-text behavior), videos and wiki pages."""

    videos = schema.List(
        title=_("Videos"),
        description=_(
            "One per line: a Wikimedia Commons file (File:Example.webm, or its page"
            " address), a PeerTube video address or a YouTube address."
        ),
        value_type=schema.TextLine(),
        constraint=usable_videos,
        required=False,
        default=[],
        missing_value=[],
    )

    watched_share = schema.Int(
        title=_("Done when watched (per cent)"),
        description=_(
            "The lesson counts as done for a learner who watched this share of one"
            " of its videos (Commons, PeerTube or YouTube); 0: not counted."
        ),
        min=0,
        max=100,
        default=0,
        required=False,
    )

    wiki_pages = schema.List(
        title=_("Wiki pages of this lesson"),
        description=_("Page titles on the session's wiki, one per line."),
        value_type=schema.TextLine(),
        required=False,
        default=[],
        missing_value=[],
    )


@implementer(ILesson)
class Lesson(Item):
    pass
