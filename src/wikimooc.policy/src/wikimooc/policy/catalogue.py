"""The public course catalogue: published courses by language, Wikimedia project,
audience and text, with their open sessions. The ``@courses`` service and the home
page of each language ask the catalog through here."""

from collections import defaultdict
from plone import api
from wikimooc.policy import _
from wikimooc.policy.vocabularies import AUDIENCES
from wikimooc.policy.vocabularies import PROJECTS


FILTERS = {"project": ("projects", PROJECTS), "audience": ("audience", AUDIENCES)}


class UnknownFilterValue(ValueError):
    """``message`` is translatable and says which values are known."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


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
