"""Asking, answering and marking a question answered; each is ForumRefused, before
anything changes, when it may not be done."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.dexterity.utils import createContentInContainer
from urllib.parse import urlsplit
from wikimooc.policy import _
from wikimooc.policy.content.lesson import ILesson
from wikimooc.policy.content.session import ICourseSession
from wikimooc.policy.enrollment import valid_wiki_username
from wikimooc.policy.forum.content import IForumQuestion
from wikimooc.policy.forum.notifications import announce_answer
from wikimooc.policy.forum.notifications import announce_question
from wikimooc.policy.forum.sanitizing import clean_html
from wikimooc.policy.forum.storage import ANSWERS
from wikimooc.policy.forum.storage import forum_of
from wikimooc.policy.forum.storage import QUESTIONS
from wikimooc.workflows.permissions import MODERATE_FORUM
from wikimooc.workflows.permissions import POST_IN_FORUM
from wikimooc.workflows.refusals import Attempt
from wikimooc.workflows.refusals import Refused


class ForumRefused(Refused):
    """Posting, answering or moderating may not be done."""

    error_type = "ForumRefused"


MAX_TITLE = 200
MAX_TEXT = 20000


def session_of(post):
    for item in aq_chain(aq_inner(post)):
        if ICourseSession.providedBy(item):
            return item
    return None


def may_moderate(session):
    return api.user.has_permission(MODERATE_FORUM, obj=session)


def mail_kinds(session):
    """The forum mails the current user chooses about: answers to their questions
    and, for the teaching team, new questions."""
    return (ANSWERS, QUESTIONS) if may_moderate(session) else (ANSWERS,)


def is_blocked(session, member):
    forum = forum_of(session, create=False)
    username = valid_wiki_username(member)
    return bool(forum and username and username in forum.blocked)


def refuse_unless_may_post(container, session):
    """``container``: the session, for a question; the question, for an answer."""
    if api.user.is_anonymous():
        raise ForumRefused(401, _("Log in to post in the forum."))
    if api.content.get_state(session) == "closed":
        raise ForumRefused(403, _("This session is closed: its forum is a read-only archive."))
    if IForumQuestion.providedBy(container) and api.content.get_state(container) == "hidden":
        raise ForumRefused(400, _("This question is hidden: it takes no answers."))
    if not api.user.has_permission(POST_IN_FORUM, obj=container):
        raise ForumRefused(
            403, _("Only the session's learners and teachers can post in its forum.")
        )
    if is_blocked(session, api.user.get_current()):
        raise ForumRefused(403, _("You are blocked from posting in this session's forum."))


def may_post(container, session):
    with Attempt() as attempt:
        refuse_unless_may_post(container, session)
    return attempt.refused is None


def required_text(value, name, longest):
    if not isinstance(value, str) or not value.strip():
        raise ForumRefused(400, _("Give \"${name}\".", mapping={"name": name}))
    if len(value) > longest:
        raise ForumRefused(
            400,
            _("\"${name}\" is too long: at most ${longest} characters.",
              mapping={"name": name, "longest": longest}),
        )
    return value.strip()


def cleaned_text(value):
    text = clean_html(required_text(value, "text", MAX_TEXT))
    if not text:
        raise ForumRefused(400, _("Give \"${name}\".", mapping={"name": "text"}))
    return text


def lesson_of_course(session, lesson_uid):
    if lesson_uid in (None, ""):
        return None
    lesson = uuidToObject(lesson_uid, unrestricted=True) if isinstance(lesson_uid, str) else None
    course_path = "/".join(session.getPhysicalPath()[:-1]) + "/"
    if not (
        ILesson.providedBy(lesson)
        and "/".join(lesson.getPhysicalPath()).startswith(course_path)
    ):
        raise ForumRefused(
            400,
            _("This session's course has no lesson ${lesson}.",
              mapping={"lesson": str(lesson_uid)}),
        )
    return lesson_uid


def web_link(value):
    if value in (None, ""):
        return None
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ForumRefused(
            400, _("\"wiki_link\" must be a web address starting with https:// or http://.")
        )
    return value.strip()


def author_fields(session):
    member = api.user.get_current()
    return {
        "author": member.getId(),
        "author_wiki_username": valid_wiki_username(member),
        "by_teacher": may_moderate(session),
    }


def ask(session, title, text, lesson_uid=None, wiki_link=None):
    """The current user's question; the session's teachers are told."""
    refuse_unless_may_post(session, session)
    question = createContentInContainer(
        session,
        "ForumQuestion",
        checkConstraints=False,
        title=required_text(title, "title", MAX_TITLE),
        text=cleaned_text(text),
        lesson=lesson_of_course(session, lesson_uid),
        wiki_link=web_link(wiki_link),
        **author_fields(session),
    )
    announce_question(question, session)
    return question


def next_answer_id(question):
    number = len(question.objectIds()) + 1
    while f"answer-{number}" in question:
        number += 1
    return f"answer-{number}"


def answer(question, text):
    """The current user's answer; whoever asked is told."""
    session = session_of(question)
    refuse_unless_may_post(question, session)
    answer = createContentInContainer(
        question,
        "ForumAnswer",
        checkConstraints=False,
        id=next_answer_id(question),
        title=f"Re: {question.Title()}",
        text=cleaned_text(text),
        **author_fields(session),
    )
    announce_answer(answer, question, session)
    return answer


def set_answered(question, answered):
    """Whoever asked, and the teaching team, say whether the question is answered."""
    if not isinstance(answered, bool):
        raise ForumRefused(400, _("\"answered\" must be true or false."))
    session = session_of(question)
    if api.content.get_state(session) == "closed":
        raise ForumRefused(403, _("This session is closed: its forum is a read-only archive."))
    asker = not api.user.is_anonymous() and api.user.get_current().getId() == question.author
    if not (asker or may_moderate(session)):
        raise ForumRefused(
            403, _("Only whoever asked and the teaching team mark a question answered.")
        )
    question.answered = answered
