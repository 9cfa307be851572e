"""Wikimedia accounts and platform members: one member per central account.

pas.plugins.authomatic keeps the identities, keyed by (provider, central id), and
gives members their wiki properties through the ``propertymap`` of its configuration.
Here: what a login must check first (blocked accounts), what it must keep in step
(renames, the wiki-username index, enrollments made before the learner had an
account), and the identity a registration on our form creates before any login.
"""

from plone import api
from types import SimpleNamespace
from wikimooc.policy import _
from wikimooc.policy.enrollment import link_enrollments
from wikimooc.policy.enrollment import rename_learner
from wikimooc.policy.identity.directory import wiki_accounts
from wikimooc.policy.usernames import normalise_username
from wikimooc.workflows.refusals import Refused


PROVIDER = "wikimedia"


class BlockedAccount(Refused):
    error_type = "Blocked"

    def __init__(self):
        super().__init__(403, _(
            "Your Wikimedia account is blocked, so it cannot be used to log in here."
            " If you think this is a mistake, ask for the block to be reviewed on the wiki."
        ))


def authomatic_plugin():
    return api.portal.get_tool("acl_users")["authomatic"]


def recorded_username(identities):
    identity = identities.identity(PROVIDER) if identities is not None else None
    return identity.get("username") if identity is not None else None


def sign_in(result):
    """Log in the Wikimedia account of a finished OAuth ``result``: the member is
    created on the first login and found by central id afterwards.

    Raises BlockedAccount, before anything is created or changed, for a blocked account.
    """
    result.user.update()
    if result.user.data.get("blocked"):
        raise BlockedAccount()
    # We never act on the wiki for the learner: their tokens are not kept (nor
    # logged, which pas.plugins.authomatic does with what it keeps).
    result.user.credentials = None
    plugin = authomatic_plugin()
    previous = recorded_username(plugin.lookup_identities(result))
    plugin.remember(result)
    member = api.user.get_current()
    keep_in_step(member.getId(), normalise_username(result.user.username), previous)
    return member


def keep_in_step(userid, username, previous):
    """After a login or registration: index the username, follow a rename, and link
    the enrollments teachers made under this username before the member existed."""
    accounts = wiki_accounts()
    if previous and normalise_username(previous) != username:
        old = normalise_username(previous)
        # The old name may be another account's by now: its entry stays theirs.
        if accounts.get(old) == userid:
            del accounts[old]
        rename_learner(old, username, userid)
    if accounts.get(username) != userid:
        # A new link: teachers may have enrolled the name before it had a member.
        # Once linked, add_learners finds the member itself, so later logins skip
        # this walk over every session.
        accounts[username] = userid
        link_enrollments(username, userid)


def create_registered_member(account):
    """The member for a wiki account just created on our registration form.

    ``account`` is the wiki's view of it (``list=users`` / ``globaluserinfo``): the
    identity is stored as a Wikimedia login would store it, so the learner's later
    logins with Wikimedia find this member by central id.
    """
    username = normalise_username(account["username"])
    fields = {
        "id": str(account["sub"]),
        "username": username,
        "name": username,
        "email": account.get("email"),
        "data": account,
        "credentials": None,
    }
    user = SimpleNamespace(**fields, to_dict=lambda: {**fields, "provider": PROVIDER})
    registration = SimpleNamespace(provider=SimpleNamespace(name=PROVIDER), user=user)
    identities = authomatic_plugin().remember_identity(registration)
    keep_in_step(identities.userid, username, None)
    return identities.userid

