"""Imports under way, kept in an annotation of the folder they create a course in:
each an ``OlxImport`` of its own in a BTree (two authors importing at once change
different objects), holding the uploaded archive as a blob, its status and, once
the worker has read it, the plan shown as the report.

The steps: ``start`` (the web request: stores the upload, queues the reading),
``run_reading`` (the worker: the plan, or the refusal), ``confirm`` (the web
request: queues the creation), ``run_creation`` (the worker: the draft course)."""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from plone import api
from wikimooc.policy import _
from wikimooc.policy.olx.archive import OlxRefused
from wikimooc.policy.olx.archive import read_archive
from wikimooc.policy.olx.archive import site_limits
from wikimooc.policy.olx.archive import too_big
from wikimooc.policy.olx.creating import checked_choices
from wikimooc.policy.olx.creating import create_course
from wikimooc.policy.olx.reading import read_course
from wikimooc.policy.reuse import may_add_course_in
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.refusals import Attempt
from ZODB.blob import Blob
from ZODB.POSException import POSKeyError

import datetime
import transaction
import uuid


IMPORTS_ANNOTATION = "wikimooc.policy.olx.imports"
# The share of the bar each step has reached when it starts (creating: then one
# step per item made, see ProgressWriter).
PROGRESS = {"queued": 0, "reading": 10, "ready": 40, "creating": 50, "done": 100,
            "refused": 100}


class OlxImport(Persistent):
    def __init__(self, owner, filename, data):
        self.id = uuid.uuid4().hex
        self.owner = owner
        self.filename = filename
        self.created = datetime.datetime.now(datetime.UTC)
        self.archive = Blob()
        with self.archive.open("w") as stored:
            stored.write(data)
        self.status = "queued"
        self.progress = 0
        self.plan = None
        self.refusal = None  # the translatable reason, when refused
        self.course_uid = None
        self.license = None
        self.projects = None

    def data(self):
        with self.archive.open("r") as stored:
            return stored.read()

    def step(self, status, progress=None):
        self.status = status
        self.progress = PROGRESS[status] if progress is None else progress

    def shown_progress(self):
        """The share reached: while the course is created, the items made so far."""
        made = getattr(self, "creation", None)
        if self.status == "creating" and made is not None and made.total:
            return PROGRESS["creating"] + (
                (PROGRESS["done"] - PROGRESS["creating"]) * made.done // made.total)
        return self.progress


class CreationProgress(Persistent):
    """How many of the course's items the worker made: a record of its own, written
    only by ProgressWriter (the creation's transaction never touches it, so the two
    cannot conflict)."""

    def __init__(self):
        self.done = 0
        self.total = 0


class ProgressWriter:
    """``writer(done, total)``: the creation's progress, committed at once in a
    connection of its own (the creation is one transaction, seen only at its end);
    once per percent. Writes nothing when the record was never committed (an
    import confirmed in the same transaction)."""

    def __init__(self, record):
        self.connection = self.record = None
        self.shown = None
        if record is None or record._p_jar is None or record._p_oid is None:
            return
        self.manager = transaction.TransactionManager()
        connection = record._p_jar.db().open(self.manager)
        try:
            found = connection.get(record._p_oid)
            found._p_activate()
        except POSKeyError:
            connection.close()
            return
        self.connection, self.record = connection, found

    def __call__(self, done, total):
        share = done * 100 // max(total, 1)
        if self.record is None or share == self.shown:
            return
        self.record.done, self.record.total = done, total
        self.manager.commit()
        self.shown = share

    def close(self):
        if self.connection is not None:
            self.manager.abort()
            self.connection.close()


def imports_of(folder, create=False):
    return annotation(folder, IMPORTS_ANNOTATION, OOBTree, create=create)


def refuse_unless_importer(folder):
    if api.user.is_anonymous():
        raise OlxRefused(401, _("Log in to import a course."))
    if not may_add_course_in(folder):
        raise OlxRefused(403, _("You cannot add a course here."))


def start(folder, filename, data):
    """A new import of the archive ``data`` into ``folder``, waiting for the worker."""
    refuse_unless_importer(folder)
    if not data:
        raise OlxRefused(400, _("Choose the .tar.gz file Open edX Studio exported."))
    limits = site_limits()
    if len(data) > limits.bytes:
        raise too_big(limits)
    started = OlxImport(api.user.get_current().getId(), filename or "course.tar.gz", data)
    imports_of(folder, create=True)[started.id] = started
    return started


def get_import(folder, import_id):
    """The caller's import ``import_id`` in ``folder``; 404 for anyone else's."""
    imports = imports_of(folder)
    found = imports.get(import_id) if imports is not None and import_id else None
    if found is None or found.owner != api.user.get_current().getId():
        raise OlxRefused(404, _("There is no such import here."))
    return found


def run_reading(folder, import_id):
    """The worker reads the archive into a plan, or records why it cannot."""
    started = imports_of(folder)[import_id]
    started.step("reading")
    with Attempt() as attempt:
        plan = read_course(read_archive(started.data()))
        folder_language = folder.Language() or None
        if plan["language"] and folder_language and plan["language"] != folder_language:
            plan["warnings"].append({"location": "course.xml", "reason": "language",
                                     "detail": f"{plan['language']} → {folder_language}"})
        started.plan = plan
        started.step("ready")
    if attempt.refused is not None:
        started.refusal = attempt.refused.message
        started.archive = None  # nothing more will be read of it
        started.step("refused")


def confirm(folder, import_id, license="cc-by-sa-4.0", projects=None):
    """The author saw the report and asks for the course."""
    refuse_unless_importer(folder)
    started = get_import(folder, import_id)
    if started.status != "ready":
        raise OlxRefused(409, _("This import cannot be confirmed now (it is ${status}).",
                                mapping={"status": started.status}))
    license, projects = checked_choices(license, projects)
    started.license, started.projects = license, list(projects)
    started.creation = CreationProgress()
    started.step("creating")
    return started


def run_creation(folder, import_id):
    """The worker creates the draft course with the owner's rights; on a refusal,
    what it had created is rolled back and the reason recorded."""
    started = imports_of(folder)[import_id]
    writer = ProgressWriter(getattr(started, "creation", None))
    before = transaction.savepoint()
    try:
        with Attempt() as attempt:
            owner = api.user.get(userid=started.owner)
            if owner is None:
                raise OlxRefused(403, _("You cannot add a course here."))
            with api.env.adopt_user(user=owner):
                course = create_course(started.plan, read_archive(started.data()), folder,
                                       started.license, started.projects, progress=writer)
    finally:
        writer.close()
    if attempt.refused is not None:
        before.rollback()
        started.refusal = attempt.refused.message
        started.archive = None
        started.step("refused")
        return None
    started.course_uid = api.content.get_uuid(course)
    started.archive = None
    started.step("done")
    return course
