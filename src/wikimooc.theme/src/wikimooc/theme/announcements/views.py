"""Classic UI of announcements and reminders: the teaching team's page of a
session (write an announcement, its history, the session's reminders), the
announcements a learner was sent (on the session and in My courses), a learner's
reminder choices, and the page the mails' unsubscribe links lead to."""

from datetime import datetime
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from wikimooc.policy.announcements.announcing import addressed_to
from wikimooc.policy.announcements.announcing import announce
from wikimooc.policy.announcements.announcing import cancel
from wikimooc.policy.announcements.announcing import history
from wikimooc.policy.announcements.announcing import may_announce
from wikimooc.policy.announcements.audiences import AUDIENCES
from wikimooc.policy.announcements.disclosure import author_name
from wikimooc.policy.announcements.reminders import learner_choices
from wikimooc.policy.announcements.reminders import REMINDER_KINDS
from wikimooc.policy.announcements.reminders import REMINDERS
from wikimooc.policy.announcements.reminders import session_reminders
from wikimooc.policy.announcements.reminders import set_learner_reminders
from wikimooc.policy.announcements.reminders import set_session_reminders
from wikimooc.policy.announcements.sending import ANNOUNCEMENTS
from wikimooc.policy.announcements.storage import announcements_of
from wikimooc.policy.isolated import isolated
from wikimooc.policy.unsubscribe import subscription_of
from wikimooc.theme import _
from wikimooc.theme.dates import reader_timezone
from wikimooc.theme.dates import time_tag
from wikimooc.workflows.refusals import LoginRequired
from wikimooc.workflows.refusals import RefusingAction
from zExceptions import Unauthorized
from zope.i18n import translate


STATUS_TITLES = {
    "scheduled": _("Scheduled"),
    "sending": _("Sending"),
    "sent": _("Sent"),
    "cancelled": _("Cancelled"),
}


def kind_options(choices, request):
    """The reminder kinds as checkboxes: {name, title, on}."""
    return [
        {"name": name, "title": translate(kind.title, context=request), "on": choices[name]}
        for name, kind in REMINDER_KINDS.items()
    ]


def ticked_kinds(form):
    return {name: bool(form.get(f"kind-{name}")) for name in REMINDER_KINDS}


def shown_announcements(session, request):
    return [
        {
            "subject": announcement.subject,
            "text": announcement.text,
            "author": author_name(announcement.author),
            "sent": time_tag(announcement.send_at, request),
        }
        for announcement in addressed_to(session, api.user.get_current())
    ]


class AnnouncementsView(BrowserView):
    """{session}/@@announcements, for the teaching team."""

    def page_title(self):
        return _("Announcements of ${session}", mapping={"session": isolated(self.context.Title())})

    def audiences(self):
        return [
            {"name": name, "title": translate(item.title, context=self.request)}
            for name, item in AUDIENCES.items()
        ]

    def items(self):
        return [
            {
                "id": announcement.id,
                "subject": announcement.subject,
                "text": announcement.text,
                "author": author_name(announcement.author),
                "audience": translate(AUDIENCES[announcement.audience].title,
                                      context=self.request)
                if announcement.audience in AUDIENCES else announcement.audience,
                "usernames": ", ".join(announcement.usernames),
                "status": translate(STATUS_TITLES[announcement.status], context=self.request),
                "scheduled": announcement.status == "scheduled",
                "when": time_tag(announcement.send_at, self.request),
                "recipients": announcement.recipients,
                "counts": counts,
            }
            for announcement, counts in history(self.context)
        ]

    def reminders(self):
        settings = session_reminders(self.context)
        return {
            "kinds": kind_options(settings["kinds"], self.request),
            "inactive_days": settings["inactive_days"],
        }


def form_sending_time(value):
    """The form's local date and time (the reader's time zone) as ISO 8601 UTC."""
    if not value:
        return None
    try:
        local = datetime.fromisoformat(value)
    except ValueError:
        return value  # announcing refuses it with its message
    if local.tzinfo is None:
        local = local.replace(tzinfo=reader_timezone())
    return local.isoformat()


class Announce(RefusingAction):
    def act(self, form):
        announcement = announce(
            self.context, form.get("subject"), form.get("text"),
            form.get("audience", "everyone"), form.get("usernames", ""),
            form_sending_time(form.get("send_at")),
        )
        if announcement.send_at <= announcement.created:
            return _("Your announcement is being sent.")
        return _("Your announcement will be sent at the time you chose.")

    def page_url(self):
        return self.context.absolute_url() + "/@@announcements"


class CancelAnnouncement(Announce):
    def act(self, form):
        cancel(self.context, form.get("id"))
        return _("The announcement is cancelled.")


class SessionReminders(Announce):
    def act(self, form):
        days = form.get("inactive_days", "")
        # Not a number: the policy refuses it with its message.
        set_session_reminders(
            self.context, ticked_kinds(form), int(days) if days.isdigit() else days
        )
        return _("The session's reminders are saved.")


class RemindersView(BrowserView):
    """{language root}/@@reminders: the member's own reminder choices."""

    page_title = _("My reminders")

    def kinds(self):
        return kind_options(learner_choices(api.user.get_current().getId()), self.request)

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to choose your reminders.")
        return self.index()


class ChooseReminders(RefusingAction):
    def act(self, form):
        if api.user.is_anonymous():
            raise LoginRequired(401, _("Log in to choose your reminders."))
        set_learner_reminders(api.user.get_current().getId(), ticked_kinds(form))
        return _("Your reminder choices are saved.")

    def page_url(self):
        return self.context.absolute_url() + "/@@reminders"


class Unsubscribe(BrowserView):
    """From a link in an announcement or a reminders digest, without logging in:
    GET asks (mail scanners that open links change nothing), POST stops them."""

    def __call__(self):
        subscription = subscription_of(self.request.form.get("token", ""))
        self.subscription = (
            subscription if subscription and subscription.kind in (ANNOUNCEMENTS, REMINDERS)
            else None
        )
        self.stopped = False
        if self.subscription is None:
            self.request.response.setStatus(400)
            return self.index()
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.stop()
            self.stopped = True
        return self.index()

    def stop(self):
        session, user_id = self.subscription.session, self.subscription.user_id
        if self.subscription.kind == ANNOUNCEMENTS:
            announcements_of(session).unsubscribed.insert(user_id)
        else:
            set_learner_reminders(user_id, dict.fromkeys(REMINDER_KINDS, False))

    def about_announcements(self):
        return self.subscription.kind == ANNOUNCEMENTS


class AnnouncementsViewlet(ViewletBase):
    """On a session: the announcements its learner was sent; the team's link to
    write them."""

    def update(self):
        super().update()
        self.may_announce = may_announce(self.context)
        self.items = (
            [] if api.user.is_anonymous() else shown_announcements(self.context, self.request)
        )
        self.available = self.may_announce or bool(self.items)
