"""What the forum shows, the same over REST and in Classic UI: posts as the caller
may see them (hidden ones only to the teaching team, with who hid them and why)."""

from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.base.utils import munge_search_term
from wikimooc.policy.catalogue import search_catalog
from wikimooc.policy.catalogue import UnreadableSearch
from wikimooc.policy.forum.authors import author_info
from wikimooc.policy.forum.moderation import hiding_of


def post_info(post, host):
    return {
        "@id": post.absolute_url(),
        "UID": post.UID(),
        "author": author_info(post, host),
        "created": post.created().ISO8601(),
        "text": post.text,
        "hidden": hiding_of(post),
    }


def lesson_info(uid):
    lesson = uuidToObject(uid, unrestricted=True) if uid else None
    if lesson is None:
        return None
    return {"@id": lesson.absolute_url(), "UID": uid, "title": lesson.Title()}


def visible_answers(question):
    return [
        answer
        for answer in question.objectValues()
        if api.user.has_permission("View", obj=answer)
    ]


def answers_count(question):
    return len(api.content.find(context=question, depth=1, portal_type="ForumAnswer"))


def question_summary(question, host):
    return {
        **post_info(question, host),
        "title": question.Title(),
        "lesson": lesson_info(question.lesson),
        "wiki_link": question.wiki_link,
        "answered": question.answered,
        "answers_count": answers_count(question),
    }


def question_detail(question, host):
    return {
        **question_summary(question, host),
        "answers": [post_info(answer, host) for answer in visible_answers(question)],
    }


def questions(session, search=None):
    """Catalog brains of the questions the caller may see, newest first; with
    ``search``, those whose text or answers match it. A search that is not text, or
    that the catalog cannot parse, raises UnreadableSearch (a Refused)."""
    path = "/".join(session.getPhysicalPath())
    query = {
        "portal_type": "ForumQuestion",
        "path": {"query": path, "depth": 1},
        # Questions are added at the end of their session; "created" is indexed to
        # the minute only.
        "sort_on": "getObjPositionInParent",
        "sort_order": "reverse",
    }
    if search is not None and not isinstance(search, str):
        raise UnreadableSearch()
    if search and search.strip():
        matches = search_catalog({
            "path": path,
            "portal_type": ["ForumQuestion", "ForumAnswer"],
            "SearchableText": munge_search_term(search),
        })
        query["UID"] = list({
            brain.UID
            if brain.portal_type == "ForumQuestion"
            else brain.getObject().__parent__.UID()
            for brain in matches
        })
        if not query["UID"]:
            return []
    return api.portal.get_tool("portal_catalog")(**query)

