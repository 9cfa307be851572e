from plone import api
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.enrollment import leave
from wikimooc.policy.enrollment import NotEnrolled
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data


class EnrollPost(RefusingService):
    """Enroll the current member: 201 enrolled, 200 already enrolled."""

    def answer(self):
        member = api.user.get_current()
        created = enroll(self.context, member, key=request_data(self.request).get("key"))
        self.request.response.setStatus(201 if created else 200)
        return {"enrolled": True, "wiki_username": wiki_username_of(member)}


class EnrollDelete(RefusingService):
    """The current member leaves the session: 204, or 404 when not enrolled."""

    def answer(self):
        if not leave(self.context, api.user.get_current()):
            raise NotEnrolled()
        return self.reply_no_content()
