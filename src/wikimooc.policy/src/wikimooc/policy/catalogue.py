"""The public course catalogue: published courses by language, Wikimedia project,
audience and text, with their open sessions. The ``@courses`` service and the home
page of each language ask the catalog through here; the forum's search goes through
``search_catalog`` too."""

from collections import defaultdict
from plone import api
from Products.ZCTextIndex.ParseTree import ParseError
from wikimooc.policy import _
from wikimooc.policy.vocabularies import AUDIENCES
from wikimooc.policy.vocabularies import PROJECTS
from wikimooc.workflows.refusals import Refused


FILTERS = {"project": ("projects", PROJECTS), "audience": ("audience", AUDIENCES)}


class UnknownFilterValue(Refused):
    """``message`` is translatable and says which values are known."""

    def __init__(self, message):
        super().__init__(400, message)


class UnreadableSearch(Refused):
    """A search text the catalog's query parser cannot read (``")(``, ``AND``...),
    or one that is no text; ``name`` is the parameter that gave it."""

    def __init__(self, name="q"):
        super().__init__(
            400, _("The search text \"${name}\" cannot be understood.", mapping={"name": name})
        )


def search_catalog(query):
    """The catalog's brains for ``query``, as the user may see them; raise
    UnreadableSearch when its ``SearchableText`` is query syntax the catalog
    cannot parse (it does so when searching, before any brain is read)."""
    try:
        return api.portal.get_tool("portal_catalog")(**query)
    except ParseError:
        raise UnreadableSearch() from None


def catalogue_query(form):
    """The catalog query for ``form`` (``language``, ``project``, ``audience``, ``q``;
    empty values do not filter)."""
    query = {"portal_type": "Course", "review_state": "published", "sort_on": "sortable_title"}
    if language := form.get("language"):
        if language not in api.portal.get_registry_record("plone.available_languages"):
            raise UnknownFilterValue(
                _("The site has no language ${language}.", mapping={"language": language})
            )
        query["Language"] = language
    for parameter, (index, vocabulary) in FILTERS.items():
        if value := form.get(parameter):
            if value not in vocabulary:
                raise UnknownFilterValue(
                    _("Unknown ${parameter} ${value}; known: ${known}.", mapping={
                        "parameter": parameter,
                        "value": value,
                        "known": ", ".join(vocabulary.by_token),
                    })
                )
            query[index] = value
    if text := form.get("q"):
        if not isinstance(text, str):
            raise UnreadableSearch()
        query["SearchableText"] = text
    return query


def open_sessions(course_paths):
    """The open sessions the user may see, of all these courses at once, by course path."""
    by_course = defaultdict(list)
    if course_paths:
        for brain in api.content.find(
            portal_type="CourseSession",
            review_state="open",
            path={"query": course_paths, "depth": 1},
            sort_on="start",
        ):
            by_course[brain.getPath().rsplit("/", 1)[0]].append(brain)
    return by_course
