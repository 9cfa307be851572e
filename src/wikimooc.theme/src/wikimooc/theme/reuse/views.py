"""Classic UI for "Adapt this course": pick where, for which organisation."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from wikimooc.theme import _
from wikimooc.policy.reuse import adapt_course
from wikimooc.policy.reuse import ReuseRefused


class AdaptView(BrowserView):
    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            adaptation = self.adapt()
            if adaptation is not None:
                self.request.response.redirect(adaptation.absolute_url() + "/edit")
                return ""
        return self.index()

    def adapt(self):
        form = self.request.form
        target = api.content.get(UID=form.get("target", ""))
        if target is None:
            api.portal.show_message(
                _("Choose where the adaptation goes."), request=self.request, type="error"
            )
            return None
        try:
            adaptation = adapt_course(
                self.context,
                target,
                organisation=form.get("organisation", "").strip() or None,
                title=form.get("title", "").strip() or None,
            )
        except ReuseRefused as refused:
            api.portal.show_message(refused.message, request=self.request, type="error")
            return None
        api.portal.show_message(
            _("Your adaptation is ready: adjust it, then publish it."), request=self.request
        )
        return adaptation

    def targets(self):
        """Folders where the visitor may add a course (language roots first)."""
        found = api.content.find(portal_type=["LRF", "Folder"], sort_on="path")
        for brain in found[:500]:
            folder = brain.getObject()
            allowed = {fti.getId() for fti in folder.allowedContentTypes()}
            if "Course" in allowed and api.user.has_permission("wikimooc: Add Course", obj=folder):
                yield {"uid": brain.UID, "title": brain.Title, "path": brain.getPath()}
