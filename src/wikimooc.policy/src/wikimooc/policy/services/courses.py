from plone import api
from Products.ZCTextIndex.ParseTree import ParseError
from plone.restapi.batching import HypermediaBatch
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from wikimooc.policy import _
from wikimooc.policy.catalogue import catalogue_query
from wikimooc.policy.catalogue import open_sessions
from wikimooc.policy.catalogue import UnknownFilterValue
from wikimooc.workflows.refusals import error_reply
from wikimooc.workflows.refusals import ServiceError


class CoursesGet(Service):
    """The public catalogue: published courses with their open sessions, paginated."""

    def reply(self):
        try:
            query = catalogue_query(self.request.form)
        except UnknownFilterValue as error:
            return error_reply(self.request, ServiceError(400, "BadRequest", error.message))
        try:
            batch = HypermediaBatch(self.request, api.portal.get_tool("portal_catalog")(**query))
            courses = list(batch)
        except ParseError:
            return error_reply(
                self.request,
                ServiceError(400, "BadRequest", _("The search text \"q\" cannot be understood.")),
            )
        sessions = open_sessions([brain.getPath() for brain in courses])
        result = {
            "@id": batch.canonical_url,
            "items": [self.course_item(brain, sessions[brain.getPath()]) for brain in courses],
            "items_total": batch.items_total,
        }
        if batch.links:
            result["batching"] = batch.links
        return result

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
