"""Classic UI of peer review: a submission's page and the peer-review box of a
session. They show what REST shows to the same person (peerreview.disclosure):
reviewer names to authors only where the session says so. User text is rendered
with tal:content, which escapes it."""

from Acquisition import aq_parent
from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from wikimooc.theme import _
from wikimooc.workflows.peerreview.disclosure import peer_review
from wikimooc.workflows.peerreview.disclosure import to_review
from wikimooc.workflows.permissions import MANAGE_PEER_REVIEW
from wikimooc.workflows.permissions import REVIEW_WORK
from wikimooc.workflows.permissions import SUBMIT_WORK
from zope.i18n import translate


EVENT_TITLES = {
    "allocate": _("Reviewer allocated"),
    "withdraw": _("Allocation withdrawn"),
    "review": _("Review given"),
    "cancel_review": _("Review cancelled"),
    "override_grade": _("Grade set by the teaching team"),
}
ALLOCATION_TITLES = {
    "pending": _("To review"),
    "counted": _("Reviewed"),
    "cancelled": _("Review cancelled"),
}


def state_title(state, request):
    title = api.portal.get_tool("portal_workflow").getTitleForStateOnType(state, "Submission")
    return translate(title, domain="plone", context=request)


class SubmissionView(BrowserView):
    def __call__(self):
        self.info = peer_review(self.context)
        self.can_manage = api.user.has_permission(
            MANAGE_PEER_REVIEW, obj=self.context
        )
        viewer = api.user.get_current().getId()
        reviewed = any((item["reviewer"] or {}).get("id") == viewer for item in self.info["items"])
        self.may_review = self.info["can_review"] or (
            self.can_manage
            and not reviewed
            and api.user.has_permission(REVIEW_WORK, obj=self.context)
        )
        return self.index()

    def state_title(self, state):
        return state_title(state, self.request)

    @staticmethod
    def name(person):
        """How people appear: by wiki username where they have one."""
        if not person:
            return None
        return person.get("wiki_username") or person["fullname"]

    def reviewer(self, item):
        if item["reviewer"]:
            return self.name(item["reviewer"])
        return translate(
            _("Reviewer ${number}", mapping={"number": item["number"]}), context=self.request
        )

    def allocation_title(self, allocation):
        return translate(ALLOCATION_TITLES[allocation["status"]], context=self.request)

    def event_title(self, entry):
        if entry["action"] in EVENT_TITLES:
            return translate(EVENT_TITLES[entry["action"]], context=self.request)
        title = api.portal.get_tool("portal_workflow").getTitleForTransitionOnType(
            entry["action"], "Submission"
        )
        return translate(title, domain="plone", context=self.request)


class PeerReviewViewlet(ViewletBase):
    """On a session: the visitor hands in work for its peer-reviewed exercises and
    finds their submissions and those they are to review."""

    def update(self):
        super().update()
        session = self.context
        self.may_hand_in = api.user.has_permission(SUBMIT_WORK, obj=session)
        self.exercises = self.peer_exercises() if self.may_hand_in else []
        viewer = api.user.get_current().getId()
        self.mine = [
            brain.getObject()
            for brain in api.content.find(
                context=session, depth=1, portal_type="Submission", Creator=viewer
            )
        ] if viewer else []
        self.to_review = to_review(session) if viewer else []

    def available(self):
        return bool(self.exercises or self.mine or self.to_review)

    def peer_exercises(self):
        course = aq_parent(self.context)
        return [
            exercise
            for exercise in (
                brain.getObject()
                for brain in api.content.find(context=course, portal_type="Exercise")
            )
            if exercise.check == "peer"
        ]

    def state_title(self, submission):
        return state_title(api.content.get_state(submission), self.request)
