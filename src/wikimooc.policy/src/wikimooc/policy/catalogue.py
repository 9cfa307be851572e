"""The public course catalogue: published courses by language, Wikimedia project,
audience and text, with their open sessions. The ``@courses`` service and the home
page of each language ask the catalog through here."""

from collections import defaultdict
from plone import api
from Products.ZCTextIndex.ParseTree import ParseError
from wikimooc.policy import _
from wikimooc.policy.vocabularies import AUDIENCES
from wikimooc.policy.vocabularies import PROJECTS
from wikimooc.workflows.refusals import BadRequest


FILTERS = {"project": ("projects", PROJECTS), "audience": ("audience", AUDIENCES)}


class UnknownFilterValue(BadRequest):
    """A filter's value the site does not know; the message says which it knows."""


def catalogue_query(form):
    """The catalog query for ``form`` (``language``, ``project``, ``audience``, ``q``;
    empty values do not filter)."""
    query = {"portal_type": "Course", "review_state": "published", "sort_on": "sortable_title"}
    if language := form.get("language"):
        if language not in api.portal.get_registry_record("plone.available_languages"):
            raise UnknownFilterValue(
                400, _("The site has no language ${language}.", mapping={"language": language})
            )
        query["Language"] = language
    for parameter, (index, vocabulary) in FILTERS.items():
        if value := form.get(parameter):
            if value not in vocabulary:
                raise UnknownFilterValue(
                    400,
                    _("Unknown ${parameter} ${value}; known: ${known}.", mapping={
                        "parameter": parameter,
                        "value": value,
                        "known": ", ".join(vocabulary.by_token),
                    })
                )
            query[index] = value
    if text := form.get("q"):
        query["SearchableText"] = text
    return query


def find_courses(form):
    """The catalog's brains of the courses ``form`` asks for (see ``catalogue_query``);
    BadRequest for a search text the text index cannot read."""
    query = catalogue_query(form)
    try:
        return api.portal.get_tool("portal_catalog")(**query)
    except ParseError as error:
        raise BadRequest(400, _("This search text cannot be understood.")) from error


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
