from collections import defaultdict
from plone import api
from Products.ZCTextIndex.ParseTree import ParseError
from plone.restapi.batching import HypermediaBatch
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from wikimooc.policy import _
from wikimooc.policy.services import error_reply
from wikimooc.policy.services import ServiceError
from wikimooc.policy.vocabularies import AUDIENCES
from wikimooc.policy.vocabularies import PROJECTS


FILTERS = {"project": ("projects", PROJECTS), "audience": ("audience", AUDIENCES)}


class CoursesGet(Service):
    """The public catalogue: published courses with their open sessions, paginated."""

    def reply(self):
        try:
            query = self.query()
        except ServiceError as error:
            return error_reply(self.request, error)
        try:
            batch = HypermediaBatch(self.request, api.portal.get_tool("portal_catalog")(**query))
            courses = list(batch)
        except ParseError:
            return error_reply(
                self.request,
                ServiceError(400, "BadRequest", _("The search text \"q\" cannot be understood.")),
            )
        sessions = self.open_sessions([brain.getPath() for brain in courses])
        result = {
            "@id": batch.canonical_url,
            "items": [self.course_item(brain, sessions[brain.getPath()]) for brain in courses],
            "items_total": batch.items_total,
        }
        if batch.links:
            result["batching"] = batch.links
        return result

    def query(self):
        form = self.request.form
        query = {"portal_type": "Course", "review_state": "published", "sort_on": "sortable_title"}
        if language := form.get("language"):
            if language not in api.portal.get_registry_record("plone.available_languages"):
                raise ServiceError(
                    400, "BadRequest",
                    _("The site has no language ${language}.", mapping={"language": language}),
                )
            query["Language"] = language
        for parameter, (index, vocabulary) in FILTERS.items():
            if value := form.get(parameter):
                if value not in vocabulary:
                    raise ServiceError(
                        400, "BadRequest",
                        _("Unknown ${parameter} ${value}; known: ${known}.", mapping={
                            "parameter": parameter,
                            "value": value,
                            "known": ", ".join(vocabulary.by_token),
                        }),
                    )
                query[index] = value
        if text := form.get("q"):
            query["SearchableText"] = text
        return query

    def open_sessions(self, course_paths):
        """The open sessions the user may see, of all the page's courses at once."""
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

    def course_item(self, brain, sessions):
        return {
            "@id": brain.getURL(),
            "@type": brain.portal_type,
            "UID": brain.UID,
            "title": brain.Title,
            "description": brain.Description,
            "language": brain.Language,
            "projects": list(brain.projects or ()),
            "audience": list(brain.audience or ()),
            "organisation": brain.organisation,
            "license": brain.license,
            "sessions": [
                {
                    "@id": session.getURL(),
                    "title": session.Title,
                    "kind": session.session_kind,
                    "start": json_compatible(session.start),
                    "end": json_compatible(session.end),
                    "wiki": session.wiki,
                    "enrollment_policy": session.enrollment_policy,
                }
                for session in sessions
            ],
        }
