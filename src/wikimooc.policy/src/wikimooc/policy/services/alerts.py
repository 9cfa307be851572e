"""Alerts over REST: the session's alerts and its learners' pages (GET), and a
teacher dismissing an alert with a note (POST)."""

from plone import api
from wikimooc.policy.alerts.listing import dismiss
from wikimooc.policy.alerts.listing import learners_pages
from wikimooc.policy.alerts.listing import session_alerts
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data


class AlertsGet(RefusingService):
    def answer(self):
        return {
            "@id": self.context.absolute_url() + "/@alerts",
            "items": session_alerts(self.context),
            "pages": learners_pages(self.context),
        }


class AlertsPost(RefusingService):
    def answer(self):
        data = request_data(self.request)
        return dismiss(self.context, data.get("alert"), data.get("note", ""),
                       api.user.get_current().getId())
