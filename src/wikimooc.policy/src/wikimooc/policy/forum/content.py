"""Questions (inside their session) and answers (inside their question). Title from
the plone.basic behavior; ``text`` is cleaned HTML (sanitizing)."""

from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.indexer import indexer
from plone.supermodel import model
from wikimooc.policy import _
from wikimooc.policy.forum.sanitizing import clean_html
from wikimooc.policy.forum.sanitizing import html_to_text
from wikimooc.policy.forum.storage import forget_forum
from zope import schema
from zope.interface import implementer


class IForumPost(model.Schema):
    text = schema.Text(
        title=_("Text"),
        description=_("HTML: paragraphs, emphasis, lists, code and links."),
    )


class IForumQuestion(IForumPost):
    """A question asked in a session's forum."""

    lesson = schema.TextLine(
        title=_("Lesson"),
        description=_("The UID of the course's lesson the question is about."),
        required=False,
    )
    wiki_link = schema.URI(
        title=_("Link to your wiki page or diff"),
        required=False,
    )


class IForumAnswer(IForumPost):
    """An answer to a forum question."""


class ForumPost:
    # Set when the post is created (forum.posting), never by a form.
    author = None
    # Their wiki username then, or None if their account has no valid one.
    author_wiki_username = None
    # Written by the teaching team of the session.
    by_teacher = False


@implementer(IForumQuestion)
class ForumQuestion(Container, ForumPost):
    answered = False


@implementer(IForumAnswer)
class ForumAnswer(Item, ForumPost):
    pass


@indexer(IForumPost)
def searchable_text(post):
    return " ".join((post.Title(), html_to_text(post.text)))


def clean_edited_text(post, event):
    """Posts are created cleaned; an edit through the standard forms is cleaned too."""
    cleaned = clean_html(post.text)
    if cleaned != post.text:
        post.text = cleaned


def remove_copied_forum(session, event):
    """A copied session is a new run: it starts without the original's forum."""
    forget_forum(session)
    for item in list(session.objectValues()):
        if IForumQuestion.providedBy(item):
            session._delObject(item.getId(), suppress_events=True)
