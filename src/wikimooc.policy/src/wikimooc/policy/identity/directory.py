"""Which member has which wiki username: kept by logins and registrations, read
wherever a wiki username must be turned into a member (enrollments by name)."""

from BTrees.OOBTree import OOBTree
from plone import api
from wikimooc.workflows.annotations import annotation


INDEX_ANNOTATION = "wikimooc.identity.wiki_accounts"


def wiki_accounts():
    """Normalised wiki username → user id of every member with a Wikimedia identity."""
    return annotation(api.portal.get(), INDEX_ANNOTATION, OOBTree)


def userid_for_wiki_username(username):
    return wiki_accounts().get(username)
