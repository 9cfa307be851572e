"""The forms of the forum and certificate pages: POST only, CSRF-checked; each acts
through code that refuses before changing anything, says what happened and goes
back to a page."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from wikimooc.policy.refusals import Refused
from zExceptions import MethodNotAllowed


class RefusingAction(BrowserView):
    def __call__(self):
        if self.request.method != "POST":
            raise MethodNotAllowed("POST only")
        CheckAuthenticator(self.request)
        try:
            message, kind = self.act(self.request.form), "info"
        except Refused as refused:
            message, kind = refused.message, "error"
        api.portal.show_message(message, request=self.request, type=kind)
        self.request.response.redirect(self.page_url())
        return ""

    def page_url(self):
        return self.context.absolute_url()
