"""Due dates where peer-reviewed work is handed in: the ``submit`` transition of a
submission is refused (the workflow's own way, as for courses) before its
exercise's module opens or past its due date when late work is refused."""

from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from wikimooc.policy.coursedates.rules import clock
from wikimooc.policy.coursedates.rules import hand_in_refusal
from wikimooc.policy.enrollment import valid_wiki_username
from wikimooc.workflows.peerreview.relations import by_uid
from wikimooc.workflows.peerreview.relations import session_of
from zope.globalrequest import getRequest
from zope.i18n import translate


def refuse_hand_in_out_of_dates(submission, event):
    if event.transition is None or event.transition.getId() != "submit":
        return
    member = api.user.get(userid=submission.author) if submission.author else None
    username = valid_wiki_username(member) if member is not None else None
    exercise = by_uid(submission.exercise)
    if username is None or exercise is None:
        return
    refused = hand_in_refusal(session_of(submission), username, exercise, clock())
    if refused is not None:
        raise WorkflowException(translate(refused.message, context=getRequest()))
