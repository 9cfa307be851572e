from plone import api
from plone.restapi.interfaces import ISerializeToJson
from wikimooc.policy import _
from wikimooc.policy.reuse import adapt_course
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data
from zope.component import getMultiAdapter


class AdaptPost(RefusingService):
    """Copy a reusable course into a folder of the caller's, keeping attribution."""

    def answer(self):
        data = request_data(self.request)
        target = self.target(data.get("container"))
        texts = self.optional_texts(data, ("organisation", "title"))
        adaptation = adapt_course(self.context, target, **texts)
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", adaptation.absolute_url())
        return getMultiAdapter((adaptation, self.request), ISerializeToJson)()

    def optional_texts(self, data, names):
        texts = {name: data.get(name) for name in names}
        for name, value in texts.items():
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise BadRequest(
                    400, _("\"${name}\" must be a non-empty text.", mapping={"name": name})
                )
        return texts

    def target(self, reference):
        if not reference or not isinstance(reference, str):
            raise BadRequest(400, _("Give \"container\": the folder (path or UID) to adapt into."))
        portal = api.portal.get()
        relative = reference.removeprefix(portal.absolute_url()).removeprefix(
            "/".join(portal.getPhysicalPath())
        )
        target = api.content.get(UID=reference) or api.content.get(path=relative or "/")
        if target is None:
            raise BadRequest(
                400, _("No folder ${reference} here.", mapping={"reference": reference})
            )
        return target
