"""Classic UI for "Adapt this course": pick where, for which organisation."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from wikimooc.policy.reuse import adapt_course
from wikimooc.policy.reuse import course_targets
from wikimooc.theme import _
from wikimooc.workflows.refusals import Attempt
from wikimooc.workflows.refusals import BadRequest


class AdaptView(BrowserView):
    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            with Attempt() as attempt:
                adaptation = self.adapt(self.request.form)
                api.portal.show_message(
                    _("Your adaptation is ready: adjust it, then publish it."), request=self.request
                )
                self.request.response.redirect(adaptation.absolute_url() + "/edit")
                return ""
            api.portal.show_message(attempt.refused.message, request=self.request, type="error")
        return self.index()

    def adapt(self, form):
        target = api.content.get(UID=form.get("target", ""))
        if target is None:
            raise BadRequest(400, _("Choose where the adaptation goes."))
        return adapt_course(
            self.context,
            target,
            organisation=form.get("organisation", "").strip() or None,
            title=form.get("title", "").strip() or None,
        )

    def targets(self):
        """Folders where the visitor may add a course (language roots first)."""
        for folder in course_targets():
            yield {
                "uid": folder.UID(),
                "title": folder.Title(),
                "path": "/".join(folder.getPhysicalPath()),
            }
