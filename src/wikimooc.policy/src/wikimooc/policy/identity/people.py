"""Members as the peer-review pages and services show them (wikimooc.workflows'
IWikiIdentity): by wiki username, linked to their pages on the session's wiki."""

from plone import api
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.policy.usernames import InvalidUsername
from wikimooc.policy.wikis import user_links
from wikimooc.workflows.interfaces import IWikiIdentity
from zope.interface import provider


@provider(IWikiIdentity)
def wiki_identity(user_id, wiki):
    member = api.user.get(userid=user_id)
    if member is None:
        return None
    try:
        username = wiki_username_of(member)
    except InvalidUsername:
        return None
    return {"wiki_username": username, "wiki_links": user_links(wiki, username)}
