"""When to look for learners who completed their session."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from wikimooc.policy.certificates.completion import requires_pass_mark
from wikimooc.policy.certificates.issuing import issue_where_complete
from wikimooc.policy.certificates.settings import ICertificateSettings
from wikimooc.policy.enrollment import valid_wiki_username
from wikimooc.policy.taskqueue.queue import enqueue_after_commit
from wikimooc.policy.taskqueue.tasks import issue_session_certificates


def progress_changed(session, event):
    issue_where_complete(session, event.usernames)


def attempt_recorded(quiz, event):
    """An attempt may bring the learner's grade to the pass mark (a practice quiz
    too, when the grading policy counts it)."""
    issue_where_complete(event.session, [event.username])


def submission_graded(submission, event):
    session = aq_parent(aq_inner(submission))
    member = api.user.get(userid=submission.author) if submission.author else None
    username = valid_wiki_username(member) if member is not None else None
    if username:
        issue_where_complete(session, [username])


def grading_policy_changed(session, event):
    """Learners may reach the pass mark under the new policy: the worker looks at
    every learner of the session, once the change is committed, when the certificate
    requires the pass mark."""
    if requires_pass_mark(session):
        enqueue_after_commit(issue_session_certificates, api.portal.get().getId(), session.UID())


def settings_changed(session, event):
    """New requirements may be met already: every learner of the session is looked
    at, by the worker, once the change is committed."""
    if any(
        getattr(description, "interface", None) is ICertificateSettings
        for description in event.descriptions
    ):
        enqueue_after_commit(issue_session_certificates, api.portal.get().getId(), session.UID())
