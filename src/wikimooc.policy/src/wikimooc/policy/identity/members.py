"""Members by their wiki username, for the forms that choose people (a session's
teachers): terms are user ids, shown and searched by wiki username."""

from plone import api
from wikimooc.policy.enrollment import valid_wiki_username
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.interfaces import IVocabularyTokenized
from zope.schema.vocabulary import SimpleTerm


MOST_FOUND = 20


def member_term(member):
    user_id = member.getId()
    return SimpleTerm(user_id, user_id, valid_wiki_username(member) or member.getUserName())


@implementer(IVocabularyTokenized)
class MembersVocabulary:
    """Every member, without listing them all: a picker searches it
    (``search``, which plone.app.content's @@getVocabulary calls)."""

    def __contains__(self, user_id):
        return isinstance(user_id, str) and api.user.get(userid=user_id) is not None

    def getTerm(self, user_id):
        member = api.user.get(userid=user_id) if isinstance(user_id, str) else None
        if member is None:
            raise LookupError(user_id)
        return member_term(member)

    def getTermByToken(self, token):
        return self.getTerm(token)

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0

    def search(self, query):
        """Members whose wiki username (or login) contains ``query``, by wiki username."""
        text = " ".join((query or "").replace("_", " ").split())
        if not text:
            return []
        acl_users = api.portal.get_tool("acl_users")
        user_ids = dict.fromkeys(
            found["id"]
            for criteria in ({"wiki_username": text}, {"login": text})
            for found in acl_users.searchUsers(**criteria)
        )
        terms = []
        for user_id in user_ids:
            member = api.user.get(userid=user_id)
            if member is not None:
                terms.append(member_term(member))
            if len(terms) == MOST_FOUND:
                break
        return sorted(terms, key=lambda term: term.title.casefold())


@provider(IVocabularyFactory)
def members_vocabulary(context):
    return MembersVocabulary()
