"""The forum over REST: questions of a session, answers, marking a question
answered, moderation (hide, show, blocks) and one's own mail choices."""

from plone import api
from plone.restapi.batching import HypermediaBatch
from wikimooc.policy import _
from wikimooc.policy.enrollment import enrolled_username
from wikimooc.policy.forum.listing import post_info
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
from wikimooc.policy.forum.storage import mail_choice
from wikimooc.policy.forum.storage import MAIL_CHOICES
from wikimooc.policy.services.path_parameters import PathParameters
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data


class ForumService(RefusingService):
    def created(self, location, body):
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", location)
        return body


class ForumGet(ForumService):
    """The session's questions, newest first; ``?q=`` searches them and their answers."""

    def answer(self):
        session = self.context
        batch = HypermediaBatch(self.request, questions(session, self.request.form.get("q")))
        result = {
            "@id": batch.canonical_url,
            "items": [question_summary(brain.getObject(), session.wiki) for brain in batch],
            "items_total": batch.items_total,
            "can_post": may_post(session, session),
            "may_moderate": may_moderate(session),
        }
        if batch.links:
            result["batching"] = batch.links
        return result


class ForumPost(ForumService):
    def answer(self):
        data = request_data(self.request)
        question = ask(
            self.context, data.get("title"), data.get("text"), data.get("lesson"),
            data.get("wiki_link"),
        )
        return self.created(question.absolute_url(), question_detail(question, self.context.wiki))


class AnswersGet(ForumService):
    def answer(self):
        session = session_of(self.context)
        return {
            **question_detail(self.context, session.wiki),
            "can_answer": may_post(self.context, session),
        }


class AnswersPost(ForumService):
    def answer(self):
        given = answer(self.context, request_data(self.request).get("text"))
        return self.created(given.absolute_url(), post_info(given, session_of(self.context).wiki))


class AnsweredPost(ForumService):
    def answer(self):
        set_answered(self.context, request_data(self.request).get("answered"))
        return question_summary(self.context, session_of(self.context).wiki)


class HidePost(ForumService):
    def answer(self):
        hide(self.context, request_data(self.request).get("reason"))
        return post_info(self.context, session_of(self.context).wiki)


class ShowPost(ForumService):
    def answer(self):
        show(self.context)
        return post_info(self.context, session_of(self.context).wiki)


class ForumBlocksGet(ForumService):
    def answer(self):
        items = blocks(self.context)
        return {"@id": self.context.absolute_url() + "/@forum-blocks", "items": items,
                "items_total": len(items)}


class ForumBlocksPost(ForumBlocksGet):
    """Block a learner, given by wiki username, with the reason."""

    def answer(self):
        data = request_data(self.request)
        username = enrolled_username(self.context, str(data.get("learner", "")))
        block(self.context, username, data.get("reason"))
        self.request.response.setStatus(201)
        return super().answer()


class ForumBlocksDelete(PathParameters, ForumService):
    """DELETE {session}/@forum-blocks/<wiki username>: 204."""

    def answer(self):
        if len(self.params) != 1:
            raise ForumRefused(400, _("Say whom to unblock: @forum-blocks/<wiki username>."))
        unblock(self.context, enrolled_username(self.context, self.params[0]))
        return self.reply_no_content()


class ForumNotificationsGet(ForumService):
    """The caller's mail choices in this session: answers to their questions and,
    for the teaching team, new questions."""

    def kinds(self):
        if api.user.is_anonymous():
            raise ForumRefused(401, _("Log in to choose your forum mails."))
        return mail_kinds(self.context)

    def answer(self):
        user_id = api.user.get_current().getId()
        return {
            "@id": self.context.absolute_url() + "/@forum-notifications",
            **{kind: mail_choice(self.context, user_id, kind) for kind in self.kinds()},
        }


class ForumNotificationsPost(ForumNotificationsGet):
    def answer(self):
        kinds = self.kinds()
        data = request_data(self.request)
        if not isinstance(data, dict):
            raise ForumRefused(400, _("Give an object of mail kinds and choices."))
        for kind, choice in data.items():
            if kind not in kinds or choice not in MAIL_CHOICES[kind]:
                raise ForumRefused(
                    400,
                    _("\"${kind}\" cannot be \"${choice}\".",
                      mapping={"kind": str(kind), "choice": str(choice)}),
                )
        user_id = api.user.get_current().getId()
        for kind, choice in data.items():
            choose_mails(self.context, user_id, kind, choice)
        return super().answer()
