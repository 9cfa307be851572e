from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from wikimooc.policy import _
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.enrollment import EnrollmentRefused
from wikimooc.policy.enrollment import leave
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.workflows.refusals import error_reply
from wikimooc.workflows.refusals import request_data
from wikimooc.workflows.refusals import ServiceError
from zope.interface import alsoProvides


class EnrollPost(Service):
    """Enroll the current member: 201 enrolled, 200 already enrolled."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        member = api.user.get_current()
        try:
            key = request_data(self.request).get("key")
            created = enroll(self.context, member, key=key)
        except ServiceError as error:
            return error_reply(self.request, error)
        except EnrollmentRefused as refused:
            return error_reply(
                self.request, ServiceError(refused.status, "EnrollmentRefused", refused.message)
            )
        self.request.response.setStatus(201 if created else 200)
        return {"enrolled": True, "wiki_username": wiki_username_of(member)}


class EnrollDelete(Service):
    """The current member leaves the session: 204, or 404 when not enrolled."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        if leave(self.context, api.user.get_current()):
            return self.reply_no_content()
        return error_reply(
            self.request, ServiceError(404, "NotEnrolled", _("You are not enrolled in this session."))
        )
