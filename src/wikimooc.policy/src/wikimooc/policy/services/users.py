"""``POST /@users/<login>/reset-password`` answers the same for every name; ``POST
@users`` answers with the member's login name.

plone.restapi answers 404 for a login that is no member's, which tells anyone which
members exist. Here a name that is no member's gets what a member's gets when
nothing comes of the request: the same empty answer for a reset mail (none is
sent), and the same refusals for a reset token or an old password, which cannot be
right for a member who does not exist.

plone.restapi serialises the new member before it sets its login name, so a member
whose id is not its login (identity/memberids.py: "amit" for "अमित") was answered
with its id as ``username``; here the member is serialised as it is stored.
"""

from AccessControl import Unauthorized
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.services.users.add import UsersPost as RestapiUsersPost
from Products.CMFPlone.RegistrationTool import get_member_by_login_name
from smtplib import SMTPException
from zope.component import getMultiAdapter

import logging


logger = logging.getLogger(__name__)


class NoSuchMember:
    """Stands for a login that is no member's, so that it takes a member's path."""

    def __init__(self, login):
        self.login = login

    def getUser(self):
        return self

    def getUserName(self):
        return self.login


class UsersPost(RestapiUsersPost):
    def _add_user(self, data, location=True):
        added = super()._add_user(data, location=location)
        member = api.user.get(userid=added["id"]) if "id" in added else None
        if member is None:
            return added
        return getMultiAdapter((member, self.request), ISerializeToJson)()

    def _get_user_by_login_name(self, user_id):
        return super()._get_user_by_login_name(user_id) or NoSuchMember(user_id)

    def update_password(self, data):
        if data:
            return super().update_password(data)
        self.mail_password_reset(self.params[0])
        return None

    def mail_password_reset(self, login):
        """Plone's reset mail, to the member whose login it is; nothing for a login
        that is no member's, or a member the mail cannot reach, so that the answer
        is the same."""
        if not api.user.has_permission("Mail forgotten password", obj=api.portal.get()):
            raise Unauthorized("Mail forgotten password")
        member = get_member_by_login_name(self.context, login, raise_exceptions=False)
        if member is None:
            return
        try:
            api.portal.get_tool("portal_registration").mailPassword(login, self.request)
        except (ValueError, Unauthorized, SMTPException):
            # No valid address, a member who may not set a password, a mail host
            # that refused it: Plone says which, we must not.
            logger.warning("No password reset mail could be sent to member %s", member.getId())
