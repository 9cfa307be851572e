from plone import api
from plone.app.z3cform.widgets.select import AjaxSelectFieldWidget
from plone.autoform import directives
from plone.base.interfaces import IWorkflowChain
from plone.dexterity.content import Container
from plone.indexer import indexer
from plone.supermodel import model
from Products.CMFCore.interfaces import IWorkflowTool
from wikimooc.policy import _
from wikimooc.policy.enrollment import Enrollments
from wikimooc.workflows.permissions import VIEW_ENROLLMENTS_ID
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema import ValidationError

import re


PUBLIC_WORKFLOW = "wikimooc_public_session_workflow"
PRIVATE_WORKFLOW = "wikimooc_private_session_workflow"
WIKI_HOST = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$")


class NotAWikiHost(ValidationError):
    __doc__ = _("Give the wiki's host name, e.g. fr.wikipedia.org or www.wikidata.org.")


def wiki_host(value):
    if not WIKI_HOST.match(value):
        raise NotAWikiHost(value)
    return True


class NotAUser(ValidationError):
    __doc__ = _("Teachers are given by the user id of a member, not a group.")


def member_ids(user_ids):
    for user_id in user_ids:
        if api.user.get(userid=user_id) is None:
            raise NotAUser(user_id)
    return True


class ICourseSession(model.Schema):
    """A run of a course: public (MOOC) or private (SPOC), with its own learners."""

    kind = schema.Choice(
        title=_("Kind"),
        description=_(
            "A private session, a SPOC (e.g. a university class), is seen only by its"
            " team and its learners."
        ),
        vocabulary="wikimooc.session_kinds",
        default="public",
    )
    start = schema.Date(title=_("Start"))
    end = schema.Date(title=_("End"))
    wiki = schema.TextLine(
        title=_("Wiki"),
        description=_("Where learners work, e.g. fr.wikipedia.org or www.wikidata.org."),
        constraint=wiki_host,
    )
    other_wikis = schema.List(
        title=_("Other wikis"),
        description=_(
            "Also followed, one host a line, e.g. commons.wikimedia.org for uploads;"
            " each exercise says on which of the session's wikis it is checked."
        ),
        value_type=schema.TextLine(constraint=wiki_host),
        required=False,
        default=[],
        missing_value=[],
    )

    enrollment_policy = schema.Choice(
        title=_("Enrollment"), vocabulary="wikimooc.enrollment_policies", default="open"
    )
    # Only the team reads these; whoever may edit the session (its creator included,
    # before the teacher role exists) sets them.
    directives.read_permission(enrollment_key=VIEW_ENROLLMENTS_ID)
    enrollment_key = schema.TextLine(title=_("Enrollment key"), required=False)
    directives.read_permission(invited=VIEW_ENROLLMENTS_ID)
    invited = schema.List(
        title=_("Invited wiki usernames"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
        missing_value=[],
    )
    capacity = schema.Int(
        title=_("Capacity"),
        description=_("Most learners this session takes; empty for no limit."),
        min=1,
        required=False,
    )
    directives.widget(
        "teachers",
        AjaxSelectFieldWidget,
        vocabulary="wikimooc.members",
        pattern_options={"allowNewItems": "false"},
    )
    teachers = schema.List(
        title=_("Teachers"),
        description=_("Type the start of their wiki username and pick them."),
        value_type=schema.TextLine(),
        constraint=member_ids,
        required=False,
        default=[],
        missing_value=[],
    )

    @invariant
    def dates_in_order(data):
        if data.start and data.end and data.end < data.start:
            raise Invalid(_("The session cannot end before it starts."))

    @invariant
    def key_when_needed(data):
        if data.enrollment_policy == "key" and not data.enrollment_key:
            raise Invalid(_("Sessions enrolled by key need the key."))


@implementer(ICourseSession)
class CourseSession(Container):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Its own persistent object, so that enrolling never rewrites the session.
        self.enrollments = Enrollments()


@indexer(ICourseSession)
def session_kind(session):
    return session.kind


@adapter(ICourseSession, IWorkflowTool)
@implementer(IWorkflowChain)
def session_workflow_chain(session, workflow_tool):
    """Private sessions stay restricted in every state: they get their own workflow."""
    return (PRIVATE_WORKFLOW if session.kind == "private" else PUBLIC_WORKFLOW,)


def session_language(session):
    """The language of the section the session is in (its mails, its certificates)."""
    return session.Language() or api.portal.get_default_language()
