"""Course dates' pages: the teaching team's Schedule (one table of every date, and
learners' extensions), a learner's "This week" (on the session page and My
courses), and the page of a learner's private calendar address, with the feed."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from wikimooc.policy.coursedates.agenda import this_week
from wikimooc.policy.coursedates.calendar import calendar_feeds
from wikimooc.policy.coursedates.calendar import feed_url
from wikimooc.policy.coursedates.calendar import feed_user
from wikimooc.policy.coursedates.calendar import learner_calendar
from wikimooc.policy.coursedates.rules import clock
from wikimooc.policy.coursedates.rules import extend
from wikimooc.policy.coursedates.rules import extensions
from wikimooc.policy.coursedates.rules import LATE_POLICIES
from wikimooc.policy.coursedates.rules import PACINGS
from wikimooc.policy.coursedates.rules import set_schedule
from wikimooc.policy.coursedates.schedule_table import schedule_table
from wikimooc.policy.enrollment import is_enrolled
from wikimooc.policy.enrollment import valid_wiki_username
from wikimooc.theme import _
from wikimooc.theme.dates import long_date
from wikimooc.theme.dates import ReaderDates
from wikimooc.workflows.refusals import RefusingAction
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.i18n import translate


class SchedulePage(ReaderDates, BrowserView):
    """The team's table: pacing, each module's opening, each item's due date and
    late policy; below it, the extensions given."""

    def table(self):
        return schedule_table(self.context)

    def pacings(self):
        return PACINGS

    def late_policies(self):
        return LATE_POLICIES

    def due_items(self):
        return [(item["uid"], item["title"])
                for module in self.table()["modules"] for item in module["items"]]

    def learners(self):
        return list(self.context.enrollments.learners.keys())

    def extensions(self):
        titles = dict(self.due_items())
        return [{"item": titles.get(uid, uid), "learner": username, **extension._asdict()}
                for uid, username, extension in extensions(self.context)]


def submitted_value(text, pacing):
    """A date field as sent: "" for the default, a number of days (self-paced)."""
    text = (text or "").strip()
    if not text:
        return None
    return int(text) if pacing == "self" and text.isdigit() else text


class SaveSchedule(RefusingAction):
    """Saves the fields that differ from the table shown (the others stay as they
    were: defaults stay defaults); all of it, or nothing when a date is wrong."""

    def act(self, form):
        table = schedule_table(self.context)
        pacing = form.get("pacing", table["pacing"])
        dates = {}
        if pacing == table["pacing"]:
            for module in table["modules"]:
                self.changed(dates, module, "opens", form, pacing)
                for item in module["items"]:
                    self.changed(dates, item, "due", form, pacing)
                    self.changed(dates, item, "late", form, pacing)
        set_schedule(self.context, {"pacing": pacing, "dates": dates})
        return _("The schedule is saved.")

    def changed(self, dates, row, field, form, pacing):
        name = f"{field}.{row['uid']}"
        if name not in form:
            return
        value = form[name] if field == "late" else submitted_value(form[name], pacing)
        if value != row[field]:
            dates.setdefault(row["uid"], {})[field] = value

    def page_url(self):
        return self.context.absolute_url() + "/@@schedule"


class ExtendDueDate(RefusingAction):
    def act(self, form):
        username, extension = extend(
            self.context, form.get("learner", ""), form.get("item"), form.get("due"),
            form.get("reason"), api.user.get_current().getId(), clock(),
        )
        return _("${name} has until ${date}.",
                 mapping={"name": username, "date": long_date(extension.due, self.request)})

    def page_url(self):
        return self.context.absolute_url() + "/@@schedule"


class WeekParts:
    """Mixed into the session page and My courses: a learner's "This week"."""

    this_week_part = ViewPageTemplateFile("templates/this_week.pt")

    def render_this_week(self, session):
        """What is open, due next and late for the visitor in ``session``; nothing
        for whoever is not its learner, or in a session without a schedule."""
        member = None if api.user.is_anonymous() else api.user.get_current()
        if member is None or not is_enrolled(session, member):
            return ""
        week = this_week(session, valid_wiki_username(member), clock())
        if not any(week.values()):
            return ""
        return self.this_week_part(week=week, day=lambda day: long_date(day, self.request))


class CalendarPage(BrowserView):
    """A member's private calendar address: to copy into a calendar program, renew
    (the old address stops working) or stop."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to get your calendar address.")
        return self.index()

    def url(self):
        feeds = calendar_feeds(create=False)
        token = feeds.token_of(api.user.get_current().getId()) if feeds is not None else None
        return feed_url(token) if token else None


class CalendarAction(RefusingAction):
    def page_url(self):
        return api.portal.get().absolute_url() + "/@@my-calendar"


class RenewCalendar(CalendarAction):
    def act(self, form):
        calendar_feeds().renew(api.user.get_current().getId())
        return _("Your calendar has a new address; the old one no longer works.")


class StopCalendar(CalendarAction):
    def act(self, form):
        calendar_feeds().revoke(api.user.get_current().getId())
        return _("Your calendar address no longer works.")


KIND_WORDS = {
    "module": _("${title} opens"),
    "exercise": _("${title} is due"),
    "quiz": _("${title} is due"),
}


class CalendarFeed(BrowserView):
    """``calendar.ics?token=…``: the feed, for calendar programs (no login: the
    token is the key); 404 for a token that is not, or no longer, given."""

    def __call__(self):
        user_id = feed_user(self.request.form.get("token"))
        member = api.user.get(userid=user_id) if user_id else None
        if member is None:
            raise NotFound("No such calendar")
        language = member.getProperty("language", "") or api.portal.get_default_language()

        def words(item):
            return translate(_(KIND_WORDS[item.kind], mapping={"title": item.title}),
                             target_language=language)

        body = learner_calendar(member, words)
        response = self.request.response
        response.setHeader("Content-Type", "text/calendar; charset=utf-8")
        response.setHeader("Cache-Control", "private, no-store")
        response.setHeader("Content-Disposition", 'inline; filename="wikimooc.ics"')
        return body
