"""Classic UI for alerts: the Pages view (every page learners created or edited,
with its state, and the alerts, each dismissable with a note), and the page a
digest mail's link stops the digest from."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from wikimooc.policy.alerts.digest import DIGEST_KIND
from wikimooc.policy.alerts.digest import stop_digest
from wikimooc.policy.alerts.listing import dismiss
from wikimooc.policy.alerts.listing import learners_pages
from wikimooc.policy.alerts.listing import session_alerts
from wikimooc.policy.alerts.sentences import alert_sentence
from wikimooc.policy.alerts.sentences import exercises_sentence
from wikimooc.policy.unsubscribe import subscription_of
from wikimooc.theme import _
from wikimooc.theme.dates import ReaderDates
from wikimooc.workflows.permissions import MANAGE_ENROLLMENTS
from wikimooc.workflows.refusals import RefusingAction


STATE_TITLES = {
    None: _("not looked at yet"),
    "live": _("live"),
    "moved": _("moved"),
    "deleted": _("deleted"),
    "nominated": _("nominated for deletion"),
}


class AlertsView(ReaderDates, BrowserView):
    def __call__(self):
        self.alerts = [
            {**item, "sentence": alert_sentence(item), "flagged": exercises_sentence(item)}
            for item in session_alerts(self.context)
        ]
        self.pages = [{**page, "state_title": STATE_TITLES[page["state"]]}
                      for page in learners_pages(self.context)]
        return self.index()

    def may_dismiss(self):
        return api.user.has_permission(MANAGE_ENROLLMENTS, obj=self.context)


class DismissAlert(RefusingAction):
    def act(self, form):
        dismiss(self.context, form.get("alert"), form.get("note", ""),
                api.user.get_current().getId())
        return _("The alert is dismissed.")

    def page_url(self):
        return self.context.absolute_url() + "/@@alerts"


class StopDigest(BrowserView):
    """GET shows the button (mail scanners that open links change nothing), POST
    stops the digest."""

    def __call__(self):
        subscription = subscription_of(self.request.form.get("token", ""))
        self.subscription = subscription if subscription and subscription.kind == DIGEST_KIND \
            else None
        self.stopped = False
        if self.subscription is None:
            self.request.response.setStatus(400)
        elif self.request.method == "POST":
            CheckAuthenticator(self.request)
            stop_digest(self.subscription.session, self.subscription.user_id)
            self.stopped = True
        return self.index()
