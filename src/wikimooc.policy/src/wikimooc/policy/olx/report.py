"""What an import says to its author: the report before anything is created (what
was read, what each part becomes, what is skipped and what is warned, all in the
author's language), then the progress and the course."""

from plone import api
from wikimooc.policy import _
from wikimooc.policy.olx.reading import SKIP_REASONS
from wikimooc.policy.olx.reading import WARNINGS
from zope.i18n import translate


GRANULARITY = _(
    "Each section becomes a module; each subsection one lesson holding the text and"
    " videos of all its units (each unit a heading); the problems of a subsection one"
    " quiz after its lesson; each open assessment a peer-reviewed exercise."
)


def said(message, request):
    return translate(message, context=request)


def parts(plan, request):
    """Every section, subsection and unit-level item, and what it becomes."""
    modules = []
    for module in plan["modules"]:
        items = []
        for subsection in module["subsections"]:
            lesson = subsection["lesson"]
            items.append({"type": "Lesson", "title": lesson["title"],
                          "location": lesson["location"], "videos": len(lesson["videos"]),
                          "transcripts": [item["language"] for item in lesson["transcripts"]],
                          "subtitles": sorted({item["language"]
                                               for item in lesson.get("tracks", ())})})
            if subsection["quiz"]:
                items.append({"type": "Quiz", "title": subsection["quiz"]["title"],
                              "location": lesson["location"],
                              "questions": [question["kind"] for question
                                            in subsection["quiz"]["questions"]]})
            items.extend({"type": "Exercise", "title": exercise["title"],
                          "location": exercise["location"],
                          "criteria": len(exercise["rubric"]["criteria"])}
                         for exercise in subsection["exercises"])
        modules.append({"type": "Module", "title": module["title"],
                        "location": module["location"], "contents": items})
    return modules


def plan_report(plan, request):
    return {
        "title": plan["title"],
        "language": plan["language"],
        "organisation": plan["organisation"],
        "summary": plan["summary"],
        "granularity": said(GRANULARITY, request),
        "modules": parts(plan, request),
        "files": len(plan["files"]),
        "grading": plan["grading"],
        "schedule": plan["schedule"],
        "skipped": [{**item, "reason": said(SKIP_REASONS[item["reason"]], request)}
                    for item in plan["skipped"]],
        "warnings": [{**item, "reason": said(WARNINGS[item["reason"]], request)}
                     for item in plan["warnings"]],
    }


def import_report(started, request):
    answer = {"id": started.id, "filename": started.filename, "status": started.status,
              "progress": started.shown_progress(), "report": None, "refusal": None, "course": None}
    if started.plan is not None:
        answer["report"] = plan_report(started.plan, request)
    if started.refusal is not None:
        answer["refusal"] = said(started.refusal, request)
    if started.course_uid:
        course = api.content.get(UID=started.course_uid)
        answer["course"] = course.absolute_url() if course is not None else None
    return answer
