from plone.restapi.serializer.converters import json_compatible
from wikimooc.policy.catalogue import find_courses
from wikimooc.policy.catalogue import open_sessions
from wikimooc.policy.tracking.followed import session_wikis
from wikimooc.workflows.batching import hypermedia_batch
from wikimooc.workflows.refusals import RefusingService


class CoursesGet(RefusingService):
    """The public catalogue: published courses with their open sessions, paginated."""

    def answer(self):
        batch = hypermedia_batch(self.request, find_courses(self.request.form))
        courses = list(batch)
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
                    "wikis": session_wikis(session),
                    "enrollment_policy": session.enrollment_policy,
                }
                for session in sessions
            ],
        }
