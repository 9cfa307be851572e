"""Open edX import and export (docs/api.md): upload an archive to a folder, read
the report the worker makes of it, confirm; export a course as an archive."""

from plone import api
from wikimooc.policy import _
from wikimooc.policy.olx.exporting import export_course
from wikimooc.policy.olx.imports import confirm
from wikimooc.policy.olx.imports import get_import
from wikimooc.policy.olx.imports import start
from wikimooc.policy.olx.report import import_report
from wikimooc.policy.services.path_parameters import PathParameters
from wikimooc.policy.taskqueue.queue import enqueue_after_commit
from wikimooc.policy.taskqueue.tasks import create_olx_import
from wikimooc.policy.taskqueue.tasks import read_olx_import
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data

import base64
import binascii


def uploaded_file(data):
    """The archive a JSON body carries as plone.restapi carries files:
    {"file": {"data": base64, "encoding": "base64", "filename": ...}}."""
    given = data.get("file")
    if not isinstance(given, dict) or not isinstance(given.get("data"), str):
        raise BadRequest(400, _("Give \"file\": the archive, with its \"data\" in base64."))
    try:
        content = base64.b64decode(given["data"], validate=True)
    except (binascii.Error, ValueError):
        raise BadRequest(400, _("The archive's \"data\" is not base64.")) from None
    return str(given.get("filename") or "course.tar.gz"), content


class OlxImportPost(PathParameters, RefusingService):
    """``@olx-import``: upload an archive (202, the import); ``@olx-import/<id>``:
    confirm the report, with the licence and projects of the course."""

    def answer(self):
        data = request_data(self.request)
        if self.params:
            started = confirm(self.context, self.params[0], data.get("license", "cc-by-sa-4.0"),
                              data.get("projects"))
            task = create_olx_import
        else:
            started = start(self.context, *uploaded_file(data))
            task = read_olx_import
        enqueue_after_commit(task, api.portal.get().getId(), api.content.get_uuid(self.context),
                             started.id)
        self.request.response.setStatus(202)
        return {"@id": f"{self.context.absolute_url()}/@olx-import/{started.id}",
                **import_report(started, self.request)}


class OlxImportGet(PathParameters, RefusingService):
    """``@olx-import/<id>``: the import's status, progress and report."""

    def answer(self):
        started = get_import(self.context, self.params[0] if self.params else None)
        return {"@id": f"{self.context.absolute_url()}/@olx-import/{started.id}",
                **import_report(started, self.request)}


class OlxExportGet(RefusingService):
    """``@olx-export``: the course as an Open edX archive, in base64."""

    def answer(self):
        filename, content = export_course(self.context)
        return {"filename": filename, "content-type": "application/gzip",
                "encoding": "base64", "data": base64.b64encode(content).decode()}
