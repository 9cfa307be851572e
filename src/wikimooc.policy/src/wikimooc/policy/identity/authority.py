"""Member properties that carry authority: who the member is on the wiki.

``wiki_username`` decides whose enrollments, progress and certificates a member
gets; the others say what the wiki knows of the account (central id, groups, block,
edit count, registration). They come from Wikimedia (the login's profile, kept by
pas.plugins.authomatic, or the wiki account our registration form created) or from
someone who manages users. A member never sets them: not through ``PATCH
/@users/<own id>``, ``@@personal-information`` nor any other form, since all of
them end in ``setMemberProperties``, whose PropertiesUpdated event is checked here.
Raising aborts the request's transaction, so nothing of the write is kept.
"""

from plone import api
from wikimooc.policy import _
from zExceptions import Forbidden
from zope.globalrequest import getRequest
from zope.i18n import translate


AUTHORITY_PROPERTIES = frozenset({
    "wiki_username",
    "wiki_central_id",
    "wiki_editcount",
    "wiki_registered",
    "wiki_groups",
    "wiki_blocked",
})
# The permission plone.restapi's @users checks before changing another member.
MANAGE_USERS = "Plone Site Setup: Users and Groups"


def may_set_authority(member):
    """Whoever manages users may; a member for themself may not, nor may a visitor
    (self-registration). Other writers are our own code acting for someone else
    (a teacher's or the platform's), which Plone lets no member reach without the
    right to manage users."""
    if api.user.has_permission(MANAGE_USERS, obj=api.portal.get()):
        return True
    if api.user.is_anonymous():
        return False
    return api.user.get_current().getId() != member.getId()


def refuse_authority_from_members(event):
    written = AUTHORITY_PROPERTIES.intersection(event.properties or ())
    if written and not may_set_authority(event.principal):
        message = _(
            "Your wiki username and what the wiki says about your account come from"
            " your Wikimedia account: log in with Wikimedia to update them, or ask a"
            " site administrator."
        )
        raise Forbidden(translate(message, context=getRequest()))
