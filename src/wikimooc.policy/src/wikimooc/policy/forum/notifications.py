"""Forum mails, in the session's language: whoever asked hears of each answer; the
session's teachers hear of each new question, at once or in a daily digest, as each
of them chose. Every mail links to a page that stops it without logging in."""

from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from wikimooc.policy import _
from wikimooc.policy.content.session import session_language
from wikimooc.policy.content.site_sessions import every_session
from wikimooc.policy.forum.authors import author_name
from wikimooc.policy.forum.sanitizing import html_to_text
from wikimooc.policy.forum.storage import ANSWERS
from wikimooc.policy.forum.storage import DAILY
from wikimooc.policy.forum.storage import forum_of
from wikimooc.policy.forum.storage import IMMEDIATELY
from wikimooc.policy.forum.storage import mail_choice
from wikimooc.policy.forum.storage import QUESTIONS
from wikimooc.policy.mail import compose
from wikimooc.policy.mail import send_mail
from wikimooc.policy.readable import number_message
from wikimooc.policy.unsubscribe import unsubscribe_url
from zope.i18n import translate


def email_of(user_id):
    member = api.user.get(userid=user_id) if user_id else None
    return member.getProperty("email", "") if member is not None else ""


def mail_member(session, user_id, kind, subject, paragraphs, why):
    """``why``: the footer's message, given the unsubscribe link as ${url}."""
    address = email_of(user_id)
    if not address:
        return
    language = session_language(session)
    link = unsubscribe_url(session, user_id, kind)
    body = compose(paragraphs, why, link, language)
    send_mail(address, translate(subject, target_language=language), body, link)


def announce_question(question, session):
    """Teachers who want new questions at once get one mail each now."""
    names = {"session": session.Title(), "title": question.Title(), "author": author_name(question)}
    for user_id in session.teachers or ():
        if user_id == question.author or mail_choice(session, user_id, QUESTIONS) != IMMEDIATELY:
            continue
        mail_member(
            session, user_id, QUESTIONS,
            _("[${session}] New question: ${title}", mapping=names),
            (
                _("${author} asked a question in the forum of ${session}:", mapping=names),
                question.Title() + "\n\n" + html_to_text(question.text),
                _("Answer it: ${url}", mapping={"url": question.absolute_url()}),
            ),
            _("You get this mail as a teacher of this session. Stop these mails, or get a"
              " daily digest instead: ${url}"),
        )


def announce_answer(answer, question, session):
    """Whoever asked hears of each answer but their own."""
    if (
        answer.author == question.author
        or mail_choice(session, question.author, ANSWERS) != IMMEDIATELY
    ):
        return
    names = {"session": session.Title(), "title": question.Title(), "author": author_name(answer)}
    mail_member(
        session, question.author, ANSWERS,
        _("[${session}] New answer to your question: ${title}", mapping=names),
        (
            _("${author} answered your question “${title}” in the forum of ${session}:",
              mapping=names),
            html_to_text(answer.text),
            _("Read the answers and reply: ${url}", mapping={"url": question.absolute_url()}),
        ),
        _("You get this mail because you asked this question. Stop mails about answers"
          " to your questions in this session: ${url}"),
    )


def iso_time(moment):
    return moment.isoformat(timespec="seconds")


def send_digest(session, forum, user_id, now):
    """One mail with the questions asked since the teacher's last digest (none if
    nobody asked); the next one starts where this one ends."""
    since = forum.digest_sent.get(user_id) or iso_time(now - timedelta(days=1))
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="ForumQuestion",
        path={"query": "/".join(session.getPhysicalPath()), "depth": 1},
        review_state="visible",
        created={"query": DateTime(since), "range": "min"},
        sort_on="created",
    )
    questions = [
        question
        for question in (brain._unrestrictedGetObject() for brain in brains)
        if question.author != user_id and DateTime(since) < question.created() <= DateTime(now)
    ]
    forum.digest_sent[user_id] = iso_time(now)
    if not questions:
        return
    names = {"session": session.Title(), "count": number_message(len(questions))}
    mail_member(
        session, user_id, QUESTIONS,
        _("[${session}] ${count} new questions in the forum", mapping=names),
        (
            _("New questions in the forum of ${session}:", mapping=names),
            "\n".join(
                f"- {question.Title()} ({author_name(question)}): {question.absolute_url()}"
                for question in questions
            ),
        ),
        _("You get this daily digest as a teacher of this session. Change or stop it: ${url}"),
    )


def send_digests(now=None):
    """The daily digests of every teacher who chose them, in every session."""
    now = now or datetime.now(UTC)
    for session in every_session():
        forum = forum_of(session, create=False)
        if forum is None:
            continue
        for user_id in session.teachers or ():
            if forum.mail_choices.get((user_id, QUESTIONS)) == DAILY:
                send_digest(session, forum, user_id, now)


def choose_mails(session, user_id, kind, choice):
    """Record the member's choice; choosing the digest starts it from now."""
    forum = forum_of(session)
    forum.mail_choices[(user_id, kind)] = choice
    if choice == DAILY:
        forum.digest_sent[user_id] = iso_time(datetime.now(UTC))
