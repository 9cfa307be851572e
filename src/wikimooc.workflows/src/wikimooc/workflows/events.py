from Products.CMFCore.WorkflowCore import WorkflowException
from wikimooc.workflows import _
from zope.globalrequest import getRequest
from zope.i18n import translate


def require_a_reason_to_reject(obj, event):
    """The authors of a rejected course must be told why."""
    if event.transition is None or event.workflow.getId() != "wikimooc_course_workflow":
        return
    if event.transition.getId() == "reject" and not (event.kwargs or {}).get("comment", "").strip():
        raise WorkflowException(
            translate(_("A rejection needs a comment for the authors."), context=getRequest())
        )
