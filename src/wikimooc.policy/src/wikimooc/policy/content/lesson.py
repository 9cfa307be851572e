from plone.dexterity.content import Item
from wikimooc.policy import _
from wikimooc.policy.content.practice import IWikiPractice
from zope import schema
from zope.interface import implementer


class ILesson(IWikiPractice):
    """Rich text (from the rich-text behavior), an optional video and wiki pages."""

    video_url = schema.URI(title=_("Video URL"), required=False)

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
