"""Classic UI for "Import an Open edX course" (in a folder where the visitor may add
courses) and "Export as Open edX course" (on a course)."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from wikimooc.policy.olx.exporting import export_course
from wikimooc.policy.olx.imports import confirm
from wikimooc.policy.olx.imports import get_import
from wikimooc.policy.olx.imports import refuse_unless_importer
from wikimooc.policy.olx.imports import start
from wikimooc.policy.olx.report import import_report
from wikimooc.policy.taskqueue.queue import enqueue_after_commit
from wikimooc.policy.taskqueue.tasks import create_olx_import
from wikimooc.policy.taskqueue.tasks import read_olx_import
from wikimooc.policy.vocabularies import LICENSES
from wikimooc.policy.vocabularies import PROJECTS
from wikimooc.theme import _
from wikimooc.workflows.refusals import Attempt
from zope.i18n import translate


WAITING = ("queued", "reading", "creating")
DEFAULT_LICENSE = "cc-by-sa-4.0"
DEFAULT_PROJECT = "wikipedia"


class ImportView(BrowserView):
    started = None
    refused = None

    def __call__(self):
        with Attempt() as attempt:
            refuse_unless_importer(self.context)
            if self.request.method == "POST":
                CheckAuthenticator(self.request)
                self.act(self.request.form)
                return ""
            import_id = self.request.form.get("id")
            if import_id:
                self.started = get_import(self.context, import_id)
        if attempt.refused is not None:
            self.refused = attempt.refused
            api.portal.show_message(attempt.refused.message, request=self.request, type="error")
        return self.index()

    def may_upload(self):
        """The form, unless the visitor may not import here (or an import is shown)."""
        return self.started is None and (self.refused is None
                                         or self.refused.status not in (401, 403))

    def act(self, form):
        if form.get("id"):
            started = confirm(self.context, form["id"], form.get("license", DEFAULT_LICENSE),
                              form.get("projects") or None)
            task = create_olx_import
        else:
            upload = form.get("archive")
            data = upload.read() if hasattr(upload, "read") else b""
            started = start(self.context, getattr(upload, "filename", None), data)
            task = read_olx_import
        enqueue_after_commit(task, api.portal.get().getId(), api.content.get_uuid(self.context),
                             started.id)
        self.request.response.redirect(f"{self.context.absolute_url()}/@@import-olx"
                                       f"?id={started.id}")

    def report(self):
        return import_report(self.started, self.request) if self.started else None

    def waiting(self):
        return self.started is not None and self.started.status in WAITING

    def ready(self):
        return self.started is not None and self.started.status == "ready"

    def modules(self):
        """The report's modules, each item with the name of what it becomes."""
        kinds = {"Lesson": _("Lesson"), "Quiz": _("Quiz"),
                 "Exercise": _("Peer-reviewed exercise")}
        return [{**module, "contents": [{**item, "kind": kinds[item["type"]]}
                                        for item in module["contents"]]}
                for module in self.report()["report"]["modules"]]

    def licenses(self):
        return [{"value": term.value, "title": translate(term.title, context=self.request),
                 "selected": term.value == DEFAULT_LICENSE or None}
                for term in LICENSES]

    def projects(self):
        return [{"value": term.value, "title": translate(term.title, context=self.request),
                 "checked": term.value == DEFAULT_PROJECT or None}
                for term in PROJECTS]


class ExportView(BrowserView):
    def __call__(self):
        with Attempt() as attempt:
            filename, data = export_course(self.context)
            response = self.request.response
            response.setHeader("Content-Type", "application/gzip")
            response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
            return data
        api.portal.show_message(attempt.refused.message, request=self.request, type="error")
        self.request.response.redirect(self.context.absolute_url())
        return ""
