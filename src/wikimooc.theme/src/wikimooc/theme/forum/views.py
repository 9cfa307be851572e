"""Classic UI of the forum: the session's forum page (questions, search, asking,
one's mail choices, the teaching team's blocks), a question's page (answers and
the moderation forms), their form actions, and the unsubscribe page of the mails.
Posts are shown as the cleaned HTML they are stored as (forum.sanitizing); every
other text is escaped by the templates."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.batching import Batch
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from wikimooc.policy.content.course import course_of
from wikimooc.policy.enrollment import enrolled_username
from wikimooc.policy.forum.listing import question_detail
from wikimooc.policy.forum.listing import question_summary
from wikimooc.policy.forum.listing import questions
from wikimooc.policy.forum.moderation import block
from wikimooc.policy.forum.moderation import blocks
from wikimooc.policy.forum.moderation import hide
from wikimooc.policy.forum.moderation import show
from wikimooc.policy.forum.moderation import unblock
from wikimooc.policy.forum.notifications import choose_mails
from wikimooc.policy.forum.posting import answer
from wikimooc.policy.forum.posting import ask
from wikimooc.policy.forum.posting import ForumRefused
from wikimooc.policy.forum.posting import mail_kinds
from wikimooc.policy.forum.posting import may_moderate
from wikimooc.policy.forum.posting import may_post
from wikimooc.policy.forum.posting import session_of
from wikimooc.policy.forum.posting import set_answered
from wikimooc.policy.forum.sanitizing import plain_text_to_html
from wikimooc.policy.forum.storage import ANSWERS
from wikimooc.policy.forum.storage import mail_choice
from wikimooc.policy.forum.storage import MAIL_CHOICES
from wikimooc.policy.forum.storage import QUESTIONS
from wikimooc.policy.isolated import isolated
from wikimooc.policy.unsubscribe import subscription_of
from wikimooc.theme import _
from wikimooc.theme.plurals import plural
from wikimooc.workflows.batching import page_start
from wikimooc.workflows.refusals import Attempt
from wikimooc.workflows.refusals import RefusingAction
from zope.i18n import translate


QUESTIONS_PER_PAGE = 25
MAIL_KIND_TITLES = {
    ANSWERS: _("Answers to my questions"),
    QUESTIONS: _("New questions (teaching team)"),
}
MAIL_CHOICE_TITLES = {
    "immediately": _("At once"),
    "daily": _("In a daily digest"),
    "never": _("Never"),
}


def mail_options(kind, request):
    return [
        {"value": choice, "title": translate(MAIL_CHOICE_TITLES[choice], context=request)}
        for choice in MAIL_CHOICES[kind]
    ]


class ForumView(BrowserView):
    def page_title(self):
        return _("Forum of ${session}", mapping={"session": isolated(self.context.Title())})

    def __call__(self):
        session = self.context
        self.search = self.request.form.get("q", "")
        self.can_post = may_post(session, session)
        self.may_moderate = may_moderate(session)
        start = page_start(self.request.form)
        self.batch = Batch([], size=QUESTIONS_PER_PAGE)
        with Attempt() as attempt:  # a search text the catalog cannot read
            found = questions(session, self.search)
            self.batch = Batch(found, size=QUESTIONS_PER_PAGE, start=start)
        if attempt.refused is not None:
            api.portal.show_message(attempt.refused.message, request=self.request, type="error")
        self.questions = [question_summary(brain.getObject(), session.wiki) for brain in self.batch]
        return self.index()

    def answers(self, count):
        return plural("${count} answer", "${count} answers", count, self.request)

    def lessons(self):
        course = course_of(self.context)
        brains = api.content.find(
            context=course, portal_type="Lesson", sort_on="getObjPositionInParent"
        )
        return [{"UID": brain.UID, "title": brain.Title} for brain in brains]

    def mail_kinds(self):
        """The visitor's mail choices in this session, with the options of each."""
        if api.user.is_anonymous():
            return []
        user_id = api.user.get_current().getId()
        return [
            {
                "kind": kind,
                "title": translate(MAIL_KIND_TITLES[kind], context=self.request),
                "choice": mail_choice(self.context, user_id, kind),
                "options": mail_options(kind, self.request),
            }
            for kind in mail_kinds(self.context)
        ]

    def blocks(self):
        return blocks(self.context) if self.may_moderate else []


class QuestionView(BrowserView):
    def __call__(self):
        session = session_of(self.context)
        self.session = session
        self.info = question_detail(self.context, session.wiki)
        self.can_answer = may_post(self.context, session)
        self.may_moderate = may_moderate(session)
        self.is_asker = (
            not api.user.is_anonymous()
            and api.user.get_current().getId() == self.context.author
        )
        return self.index()


class AnswerRedirect(BrowserView):
    """An answer is shown on its question's page (search results link to it)."""

    def __call__(self):
        question = self.context.__parent__
        self.request.response.redirect(f"{question.absolute_url()}#{self.context.getId()}")
        return ""


class Ask(RefusingAction):
    def act(self, form):
        self.question = ask(
            self.context,
            form.get("title"),
            plain_text_to_html(form.get("text", "")),
            form.get("lesson") or None,
            form.get("wiki_link") or None,
        )
        return _("Your question is in the forum.")

    def page_url(self):
        question = getattr(self, "question", None)
        return question.absolute_url() if question else self.context.absolute_url() + "/@@forum"


class Answer(RefusingAction):
    def act(self, form):
        answer(self.context, plain_text_to_html(form.get("text", "")))
        return _("Your answer is posted.")


class MarkAnswered(RefusingAction):
    def act(self, form):
        answered = form.get("answered") == "1"
        set_answered(self.context, answered)
        return _("The question is marked answered.") if answered else _(
            "The question is marked not answered."
        )


class Hide(RefusingAction):
    def act(self, form):
        hide(self.context, form.get("reason"))
        return _("The post is hidden.")

    def page_url(self):
        return question_of(self.context).absolute_url()


class Show(Hide):
    def act(self, form):
        show(self.context)
        return _("The post is shown again.")


def question_of(post):
    return post if post.portal_type == "ForumQuestion" else post.__parent__


class Block(RefusingAction):
    def act(self, form):
        username = enrolled_username(self.context, form.get("learner", ""))
        block(self.context, username, form.get("reason"))
        return _("${name} can no longer post in this forum.", mapping={"name": username})

    def page_url(self):
        return self.context.absolute_url() + "/@@forum"


class Unblock(Block):
    def act(self, form):
        username = enrolled_username(self.context, form.get("learner", ""))
        unblock(self.context, username)
        return _("${name} can post in this forum again.", mapping={"name": username})


class ChooseMails(RefusingAction):
    def act(self, form):
        if api.user.is_anonymous():
            raise ForumRefused(401, _("Log in to choose your forum mails."))
        user_id = api.user.get_current().getId()
        for kind in mail_kinds(self.context):
            if form.get(kind) in MAIL_CHOICES[kind]:
                choose_mails(self.context, user_id, kind, form[kind])
        return _("Your forum mail choices are saved.")

    def page_url(self):
        return self.context.absolute_url() + "/@@forum"


class Unsubscribe(BrowserView):
    """From a link in a forum mail, without logging in: GET shows the choices
    (mail scanners that open links change nothing), POST records one."""

    def __call__(self):
        self.subscription = subscription_of(self.request.form.get("token", ""))
        self.saved = False
        if self.subscription is None:
            self.request.response.setStatus(400)
            return self.index()
        kind = self.subscription.kind
        self.options = mail_options(kind, self.request)
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            choice = self.request.form.get("choice")
            if choice in MAIL_CHOICES[kind]:
                choose_mails(self.subscription.session, self.subscription.user_id, kind, choice)
                self.saved = True
            else:
                self.request.response.setStatus(400)
        self.choice = mail_choice(self.subscription.session, self.subscription.user_id, kind)
        return self.index()

    def kind_title(self):
        return translate(MAIL_KIND_TITLES[self.subscription.kind], context=self.request)


class ForumViewlet(ViewletBase):
    """On a session: its forum, with how many questions it has."""

    def update(self):
        super().update()
        self.count = len(questions(self.context))
