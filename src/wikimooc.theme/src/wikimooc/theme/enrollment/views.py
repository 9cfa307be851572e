"""Classic UI for enrolling: the enrollment box of a session, enroll and leave
(POST only, CSRF-checked), and the teachers' learners page."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.batching import Batch
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.enrollment import enrollment_state
from wikimooc.policy.enrollment import LearnerSequence
from wikimooc.policy.enrollment import leave
from wikimooc.policy.enrollment import NotEnrolled
from wikimooc.policy.enrollment import remove_learner
from wikimooc.policy.isolated import isolated
from wikimooc.policy.usernames import split_pasted_names
from wikimooc.policy.wikis import user_links
from wikimooc.theme import _
from wikimooc.theme.dates import ReaderDates
from wikimooc.theme.plurals import plural
from wikimooc.workflows.batching import page_start
from wikimooc.workflows.permissions import MANAGE_ENROLLMENTS
from wikimooc.workflows.permissions import VIEW_ENROLLMENTS
from wikimooc.workflows.refusals import RefusingAction
from zExceptions import Unauthorized
from zope.i18n import translate


class EnrollmentViewlet(ViewletBase):
    """What the visitor can do about this session, shown under its title."""

    def update(self):
        super().update()
        session = self.context
        self.can_view_learners = api.user.has_permission(
            VIEW_ENROLLMENTS, obj=session
        )
        self.learners_count = len(session.enrollments)
        self.state = self.visitor_state()

    def visitor_state(self):
        return enrollment_state(self.context)


class EnrollView(RefusingAction):
    def act(self, form):
        enroll(self.context, api.user.get_current(), key=form.get("key"))
        return _("You are enrolled in this session.")

    def page(self):
        """Back to the course when the learner enrolled from the course's page."""
        if self.request.form.get("came_from") == "course":
            return aq_parent(aq_inner(self.context))
        return self.context


class LeaveView(RefusingAction):
    def act(self, form):
        if not leave(self.context, api.user.get_current()):
            raise NotEnrolled()
        return _("You have left this session.")


class LearnersView(ReaderDates, BrowserView):
    """Teachers see the learners (batched) and add wiki usernames, pasted at once."""

    def __call__(self):
        self.results = []
        if self.request.method == "POST":
            if not self.can_manage():
                raise Unauthorized("You may not add learners to this session.")
            CheckAuthenticator(self.request)
            names = split_pasted_names(self.request.form.get("usernames", ""))
            if names:
                self.results = add_learners(
                    self.context, names, added_by=api.user.get_current().getId()
                )
            else:
                api.portal.show_message(
                    _("Paste at least one wiki username."), request=self.request, type="error"
                )
        return self.index()

    def page_title(self):
        return _("Learners of ${session}", mapping={"session": isolated(self.context.Title())})

    def can_manage(self):
        return api.user.has_permission(MANAGE_ENROLLMENTS, obj=self.context)

    def user_links(self, username):
        return user_links(self.context.wiki, username)

    def batch(self):
        start = page_start(self.request.form)
        return Batch(LearnerSequence(self.context.enrollments), size=50, start=start)

    def count(self):
        count = len(self.context.enrollments)
        return plural("${count} learner", "${count} learners", count, self.request)

    def remove_label(self, username):
        label = _("Remove ${name} from this session", mapping={"name": isolated(username)})
        return translate(label, context=self.request)


class RemoveLearner(RefusingAction):
    """A teacher takes a learner out of the session, from the learners page."""

    def act(self, form):
        username = remove_learner(self.context, form.get("username", ""))
        return _("${name} is no longer a learner of this session.", mapping={"name": username})

    def page_url(self):
        return self.context.absolute_url() + "/@@learners"
