"""A plan (reading.py) made into a draft Course in a folder: its modules, lessons,
quizzes and peer-reviewed exercises, and the archive's static files as Files and
Images of the course, which the texts then point at. Everything happens in one
transaction: an import that fails leaves nothing behind."""

from Acquisition import aq_parent
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from wikimooc.policy import _
from wikimooc.policy.coursedates.storage import Dates
from wikimooc.policy.coursedates.storage import propose_dates
from wikimooc.policy.grades.settings import change
from wikimooc.policy.olx.archive import OlxRefused
from wikimooc.policy.olx.reading import day_of
from wikimooc.policy.olx.reading import static_path
from wikimooc.policy.olx.reading import STATIC_REFERENCE
from wikimooc.policy.reuse import may_add_course_in
from wikimooc.policy.video.uploaded import store_track
from wikimooc.policy.vocabularies import LICENSES
from wikimooc.policy.vocabularies import PROJECTS
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.behaviors import IPeerReviewExercise

import mimetypes
import posixpath


IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
GRADING_ANNOTATION = "wikimooc.policy.olx.grading"


def rich(html):
    """Rich text like every other: sanitized (safe_html) whenever it is shown."""
    return RichTextValue(html or "", "text/html", "text/x-html-safe")


def checked_choices(license, projects):
    """The licence and projects chosen at import, when they are among those offered."""
    if not isinstance(license, str) or license not in LICENSES.by_value:
        raise OlxRefused(400, _("Choose one of the licences offered."))
    if projects is not None and not isinstance(projects, list | tuple):
        projects = (projects,)
    projects = tuple(projects or ("wikipedia",))
    if not all(isinstance(project, str) and project in PROJECTS.by_value
               for project in projects):
        raise OlxRefused(400, _("Choose the Wikimedia projects among those offered."))
    return license, projects


def item_count(plan):
    """How many items the creation makes: each static file, module, lesson, quiz
    and exercise (the progress counts them)."""
    return len(plan["files"]) + sum(
        1 + sum(1 + bool(subsection["quiz"]) + len(subsection["exercises"])
                for subsection in module["subsections"])
        for module in plan["modules"])


def add_statics(course, plan, files, made):
    """Each static file as a File or an Image of the course; {archive path: URL}."""
    urls = {}
    for path in plan["files"]:
        name = posixpath.basename(path)
        data = files.get(path)
        made()
        if data is None:
            continue
        image = name.lower().endswith(IMAGE_EXTENSIONS)
        blob = (NamedBlobImage if image else NamedBlobFile)(
            data=data, filename=name,
            contentType=mimetypes.guess_type(name)[0] or "application/octet-stream")
        item = api.content.create(
            container=course, type="Image" if image else "File",
            title=posixpath.relpath(path, "static"), safe_id=True,
            **{"image" if image else "file": blob})
        urls[path] = f"resolveuid/{api.content.get_uuid(item)}"
    return urls


def rewritten(html, files, urls):
    """``html`` with its /static/ and asset references pointing at the imported files."""
    def replace(found):
        path = static_path(files, found.group(1))
        return urls.get(path, found.group(0)) if path else found.group(0)

    return STATIC_REFERENCE.sub(replace, html or "")


def attribution(plan):
    where = " / ".join(part for part in (plan["organisation"], plan["course_number"],
                                         plan["run"]) if part)
    return f'<p class="olx-attribution">Open edX: {where}</p>'


def lesson_text(lesson, files, urls):
    parts = [rewritten(lesson["text"], files, urls)]
    links = [f'<li><a href="{link["href"]}">{link["title"]}</a></li>'
             for link in lesson["links"]]
    links += [f'<li><a href="{urls[item["file"]]}">{item["video"]} ({item["language"]})</a></li>'
              for item in lesson["transcripts"] if item["file"] in urls]
    if links:
        parts.append("<ul>" + "".join(links) + "</ul>")
    return "\n".join(part for part in parts if part)


def add_quiz(module, quiz, files, urls):
    created = api.content.create(
        container=module, type="Quiz", title=quiz["title"], safe_id=True,
        attempts_allowed=quiz["attempts_allowed"])
    for question in quiz["questions"]:
        fields = {name: value for name, value in question.items()
                  if name not in ("prompt", "explanation", "title")}
        api.content.create(
            container=created, type="QuizQuestion", safe_id=True,
            title=question["title"] or created.title,
            prompt=rich(rewritten(question["prompt"], files, urls)),
            explanation=rich(rewritten(question["explanation"], files, urls))
            if question["explanation"] else None,
            **fields)
    return created


def add_exercise(module, exercise, files, urls):
    created = api.content.create(
        container=module, type="Exercise", title=exercise["title"], safe_id=True,
        instructions=rich(rewritten(exercise["instructions"], files, urls)), check="peer")
    review = IPeerReviewExercise(created)
    review.rubric = exercise["rubric"]
    review.reviews_to_give = exercise["reviews_to_give"]
    review.reviews_required = exercise["reviews_required"]
    return created


def create_course(plan, files, folder, license="cc-by-sa-4.0", projects=None, progress=None):
    """The draft Course ``plan`` describes, in ``folder``; OlxRefused when the
    caller may not add a course there or chose what cannot be. ``progress(done,
    total)`` is told after each item made."""
    total, done = item_count(plan), [0]

    def made(count=1):
        done[0] += count
        if progress is not None:
            progress(done[0], total)

    if not may_add_course_in(folder):
        raise OlxRefused(403, _("You cannot add a course here."))
    license, projects = checked_choices(license, projects)
    course = api.content.create(
        container=folder, type="Course", title=plan["title"], safe_id=True,
        description=plan["summary"], projects=projects,
        organisation=plan["organisation"] or plan["title"],
        license=license, authors=[plan["organisation"]] if plan["organisation"] else [])
    urls = add_statics(course, plan, files, made)
    course.text = rich(rewritten(plan["overview"], files, urls) + attribution(plan))
    if plan["image"] and plan["image"] in files:
        course.image = NamedBlobImage(data=files[plan["image"]],
                                      filename=posixpath.basename(plan["image"]))
    if plan["grading"]:
        annotation(course, GRADING_ANNOTATION, PersistentMapping).update(plan["grading"])
    dates = {}
    for module_plan in plan["modules"]:
        module = api.content.create(container=course, type="Module",
                                    title=module_plan["title"], safe_id=True)
        made()
        if module_plan.get("opens"):
            dates[module.UID()] = Dates(opens=module_plan["opens"])
        for subsection in module_plan["subsections"]:
            lesson = subsection["lesson"]
            created = api.content.create(
                container=module, type="Lesson", title=lesson["title"], safe_id=True,
                text=rich(lesson_text(lesson, files, urls)), videos=list(lesson["videos"]))
            for track in lesson.get("tracks", ()):
                store_track(created, track["video"], track["language"], track["cues"])
            due_items = [add_quiz(module, subsection["quiz"], files, urls)
                         ] if subsection["quiz"] else []
            due_items += [add_exercise(module, exercise, files, urls)
                          for exercise in subsection["exercises"]]
            made(1 + len(due_items))
            if subsection.get("due"):
                dates.update({item.UID(): Dates(due=subsection["due"]) for item in due_items})
    if dates:
        propose_dates(course, day_of((plan["schedule"] or {}).get("start")), dates)
    return course


def imported_grading(course):
    """The grading policy the course brought from Open edX, or None."""
    stored = annotation(course, GRADING_ANNOTATION, PersistentMapping, create=False)
    return dict(stored) if stored else None


def grade_new_session(session, event):
    """A session of an imported course starts with the course's Open edX grading
    policy (its teachers change it as any other)."""
    grading = imported_grading(aq_parent(session))
    if grading:
        change(session, grading, ())
