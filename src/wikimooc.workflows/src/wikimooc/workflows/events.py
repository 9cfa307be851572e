from Products.CMFCore.WorkflowCore import WorkflowException
from wikimooc.workflows import _
from zope.globalrequest import getRequest
from zope.i18n import translate


# (workflow, transition): what to say when it comes without a comment.
REASON_REQUIRED = {
    ("wikimooc_course_workflow", "reject"): _("A rejection needs a comment for the authors."),
    ("wikimooc_submission_workflow", "cancel"): _("Cancelling a submission needs a reason."),
    ("wikimooc_review_workflow", "cancel"): _("Cancelling a review needs a reason."),
    ("wikimooc_forum_post_workflow", "hide"): _("Hiding a post needs a reason."),
}


def require_a_reason(obj, event):
    """Rejected authors must be told why; cancellations and hidden posts are
    recorded with theirs."""
    if event.transition is None:
        return
    message = REASON_REQUIRED.get((event.workflow.getId(), event.transition.getId()))
    if message and not (event.kwargs or {}).get("comment", "").strip():
        raise WorkflowException(translate(message, context=getRequest()))
