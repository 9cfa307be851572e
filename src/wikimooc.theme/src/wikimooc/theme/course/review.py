"""Submitting a course for review from the toolbar's state menu: a course that
cannot be submitted yet says why on its page, instead of an error page."""

from plone import api
from plone.app.content.browser.content_status_modify import ContentStatusModifyView
from plone.protect import CheckAuthenticator
from wikimooc.policy.content.course import submission_refusal


class CourseStatusModifyView(ContentStatusModifyView):
    def __call__(self, workflow_action=None, *args, **kwargs):
        message = submission_refusal(self.context) if workflow_action == "submit" else None
        if message is None:
            return super().__call__(workflow_action, *args, **kwargs)
        CheckAuthenticator(self.request)
        api.portal.show_message(message, request=self.request, type="error")
        return self.request.response.redirect(self.context.absolute_url())
