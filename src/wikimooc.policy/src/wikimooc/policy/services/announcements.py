"""Announcements over REST: a session's list (the teaching team's history, or what
was sent to the learner asking), writing one, one's record with its failed
addresses, cancelling one that waits; the session's reminder settings, and a
learner's own reminder choices."""

from plone import api
from wikimooc.policy import _
from wikimooc.policy.announcements.announcing import addressed_to
from wikimooc.policy.announcements.announcing import announce
from wikimooc.policy.announcements.announcing import announcement_of
from wikimooc.policy.announcements.announcing import AnnouncementRefused
from wikimooc.policy.announcements.announcing import cancel
from wikimooc.policy.announcements.announcing import delivery_counts
from wikimooc.policy.announcements.announcing import failures
from wikimooc.policy.announcements.announcing import history
from wikimooc.policy.announcements.announcing import may_announce
from wikimooc.policy.announcements.disclosure import announcement_url
from wikimooc.policy.announcements.disclosure import learner_info
from wikimooc.policy.announcements.disclosure import team_info
from wikimooc.policy.announcements.reminders import learner_choices
from wikimooc.policy.announcements.reminders import session_reminders
from wikimooc.policy.announcements.reminders import set_learner_reminders
from wikimooc.policy.announcements.reminders import set_session_reminders
from wikimooc.policy.services.path_parameters import PathParameters
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import LoginRequired
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data


class AnnouncementsGet(PathParameters, RefusingService):
    """GET {session}/@announcements: the list; …/@announcements/<id>: the team's
    record of one, with its failed addresses."""

    def answer(self):
        session = self.context
        if self.params:
            return self.one()
        if may_announce(session):
            items = [team_info(session, item, counts) for item, counts in history(session)]
        else:
            items = [
                learner_info(session, item)
                for item in addressed_to(session, api.user.get_current())
            ]
        return {
            "@id": session.absolute_url() + "/@announcements",
            "items": items,
            "items_total": len(items),
        }

    def one(self):
        session = self.context
        if len(self.params) != 1 or not may_announce(session):
            raise AnnouncementRefused(404, _("This session has no such announcement."))
        announcement = announcement_of(session, self.params[0])
        return {
            **team_info(session, announcement, delivery_counts(session, announcement.id)),
            "failures": [
                {"username": username, "when": delivery.when, "error": delivery.error}
                for username, delivery in failures(session, announcement.id)
            ],
        }


class AnnouncementsPost(RefusingService):
    """Write one: {subject, text, audience, usernames, send_at}; 201."""

    def answer(self):
        data = request_data(self.request)
        if not isinstance(data, dict):
            raise BadRequest(400, _("Give the announcement as an object."))
        announcement = announce(
            self.context, data.get("subject"), data.get("text"),
            data.get("audience", "everyone"), data.get("usernames"), data.get("send_at"),
        )
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", announcement_url(self.context, announcement))
        return team_info(
            self.context, announcement, delivery_counts(self.context, announcement.id)
        )


class AnnouncementsDelete(PathParameters, RefusingService):
    """DELETE {session}/@announcements/<id>: cancel one that waits to be sent."""

    def answer(self):
        if len(self.params) != 1:
            raise BadRequest(400, _("Say which announcement: @announcements/<id>."))
        cancelled = cancel(self.context, self.params[0])
        return team_info(self.context, cancelled, delivery_counts(self.context, cancelled.id))


class ReminderSettingsGet(RefusingService):
    """The session's reminders: which kinds are on, the days without activity."""

    def answer(self):
        return {
            "@id": self.context.absolute_url() + "/@reminder-settings",
            **session_reminders(self.context),
        }


class ReminderSettingsPatch(ReminderSettingsGet):
    def answer(self):
        data = request_data(self.request)
        if not isinstance(data, dict):
            raise BadRequest(400, _("Give the reminder settings as an object."))
        set_session_reminders(self.context, data.get("kinds"), data.get("inactive_days"))
        return super().answer()


class RemindersGet(RefusingService):
    """The caller's own reminders: each kind on or off."""

    def user_id(self):
        if api.user.is_anonymous():
            raise LoginRequired(401, _("Log in to choose your reminders."))
        return api.user.get_current().getId()

    def answer(self):
        return {
            "@id": self.context.absolute_url() + "/@reminders",
            "kinds": learner_choices(self.user_id()),
        }


class RemindersPost(RemindersGet):
    def answer(self):
        kinds = request_data(self.request)
        set_learner_reminders(self.user_id(), kinds.get("kinds") if isinstance(kinds, dict)
                              else None)
        return super().answer()
