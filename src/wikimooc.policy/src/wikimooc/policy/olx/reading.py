"""An Open edX course (OLX, as Studio exports it) read into a plan: plain dicts that
say what the import will create, shown to the author before anything is created.

The granularity, the same for every course: a section (``chapter``) becomes a
Module; a subsection (``sequential``) becomes one Lesson holding the text of all its
units (``vertical``, each under a heading of its title) and their videos; the
subsection's problems become one Quiz after the lesson, and each open assessment
a peer-reviewed Exercise. A unit is too small to be a lesson of its own here (Open
edX shows a subsection's units as tabs of one page).

Components are read inline or from their own files (``<html url_name="x"/>`` →
``html/x.xml`` → ``html/x.html``), as the OLX reference describes."""

from wikimooc.policy import _
from wikimooc.policy.content.lesson import MAX_VIDEOS
from wikimooc.policy.olx.archive import OlxRefused
from wikimooc.policy.olx.archive import parse_xml
from wikimooc.policy.olx.problems import inner_html
from wikimooc.policy.olx.problems import read_problem
from wikimooc.policy.olx.problems import scripted
from wikimooc.policy.quiz.content import question_problems
from wikimooc.policy.video.uploaded import read_srt
from wikimooc.workflows.refusals import Attempt
from zope.i18n import translate

import contextlib
import json
import re


STATIC_REFERENCE = re.compile(
    r"""(?:/static/|/asset-v1:[^"'\s<>)]*?type@asset\+block@)([^"'\s<>)?#]+)"""
)
SKIPPED = {
    "lti": "lti", "lti_consumer": "lti", "library_content": "library",
    "annotatable": "annotation", "textannotation": "annotation",
    "videoannotation": "annotation", "imageannotation": "annotation",
    "discussion": "discussion", "word_cloud": "unknown", "poll": "unknown",
    "survey": "unknown", "drag-and-drop-v2": "unknown", "split_test": "unknown",
    "conditional": "unknown", "randomize": "unknown",
}
SKIP_REASONS = {
    "lti": _("An LTI tool: add it by hand (a link in the lesson)."),
    "library": _("Library content: its problems live in a content library, not in the course."),
    "annotation": _("Annotations have no counterpart here."),
    "discussion": _("Discussions are the session's forum here."),
    "script": _("A problem graded or drawn by its own JavaScript or Python code."),
    "unknown": _("A component of a kind WikiMOOC does not know (a third-party XBlock)."),
}
WARNINGS = {
    "unreadable": _("The right answer of a question could not be read: it is left out."),
    "no-question": _("The problem holds no question that could be read: it is left out."),
    "missing-static": _("A file the course refers to is not in the archive."),
    "video-source": _("A video address WikiMOOC cannot play: it is linked from the lesson."),
    "too-many-videos": _("A lesson holds at most 10 videos: the others are linked."),
    "transcript": _("A transcript that cannot be the video's subtitles: it is linked from"
                    " the lesson."),
    "no-rubric": _("An open assessment without a rubric: it is left out."),
    "grading": _("The grading policy could not be read: sessions use the default one."),
    "language": _("The course's language is not this folder's: the course takes the folder's."),
}
MAX_DEPTH = 10  # units within units: Studio makes one level
PEER_GRADER_WORDS = ("peer", "assessment", "ora", "essay", "project")


class Reading:
    """The archive's files being read, and the running lists of what is skipped and
    warned and of the static files referred to."""

    def __init__(self, files, run=""):
        self.files = files
        self.policy = policy_of(files, run)
        self.skipped = []
        self.warnings = []
        self.referenced = set()
        self.loaded = set()

    def skip(self, element, reason):
        self.skipped.append({"location": location(element), "kind": element.tag,
                             "reason": reason})

    def warn(self, where, reason, detail=""):
        self.warnings.append({"location": where, "reason": reason, "detail": detail})

    def text(self, path):
        content = self.files.get(path)
        return content.decode("utf-8", "replace") if content is not None else None

    def element(self, path):
        content = self.files.get(path)
        if content is None:
            return None
        return parse_xml(content, path)

    def load(self, element):
        """``element`` with its definition from its own file, when it is a pointer."""
        url_name = element.get("url_name")
        if url_name and not len(element):
            path = f"{element.tag}/{url_name}.xml"
            found = self.element(path)
            if found is not None:
                if path in self.loaded:
                    raise OlxRefused(400, _(
                        "${path} is used more than once: the course loops on itself.",
                        mapping={"path": path}))
                self.loaded.add(path)
                for name, value in element.attrib.items():
                    found.attrib.setdefault(name, value)
                return found
        return element

    def statics(self, html, where):
        """``html``'s references to static files, noted; a missing one is a warning."""
        for reference in STATIC_REFERENCE.findall(html):
            path = static_path(self.files, reference)
            if path is None:
                self.warn(where, "missing-static", reference)
            else:
                self.referenced.add(path)
        return html


def policy_of(files, run):
    """policies/<run>/policy.json: {"<tag>/<url_name>": {setting: value}}, or {}."""
    try:
        policy = json.loads(files.get(f"policies/{run}/policy.json") or "{}")
    except ValueError:
        return {}
    return {key: value for key, value in policy.items() if isinstance(value, dict)} \
        if isinstance(policy, dict) else {}


def day_of(value):
    """The day (ISO) an Open edX date names ("2027-03-01T00:00:00Z"), or None."""
    if not isinstance(value, str):
        return None
    found = re.match(r'^"?(\d{4}-\d{2}-\d{2})', value.strip())
    return found.group(1) if found else None


def block_day(course, element, setting):
    """A block's date: its own attribute, else its entry in policy.json."""
    entry = course.policy.get(f"{element.tag}/{element.get('url_name')}", {})
    return day_of(element.get(setting) or entry.get(setting))


def location(element):
    return f"{element.tag}/{element.get('url_name') or element.get('display_name') or ''}"


def static_path(files, reference):
    """The archive path of a ``/static/`` or asset reference, or None."""
    reference = reference.split("?")[0]
    if f"static/{reference}" in files:
        return f"static/{reference}"
    flattened = {path[len("static/"):].replace("/", "_"): path
                 for path in files if path.startswith("static/")}
    return flattened.get(reference)


def html_of(course, element):
    """The HTML of an ``html`` component, inline or in ``html/<filename>.html``."""
    filename = element.get("filename")
    if filename:
        text = course.text(f"html/{filename}.html")
        if text is None:
            course.warn(location(element), "missing-static", f"html/{filename}.html")
            return ""
        return text
    return inner_html(element)


def video_of(course, element, lesson):
    sources = []
    youtube = element.get("youtube_id_1_0") or ""
    if not youtube:
        for speed in (element.get("youtube") or "").split(","):
            rate, _colon, ident = speed.partition(":")
            if rate.strip() in ("1.0", "1.00", "1") and ident:
                youtube = ident.strip()
    if youtube:
        sources.append(f"https://www.youtube.com/watch?v={youtube}")
    try:
        html5 = json.loads(element.get("html5_sources") or "[]")
    except ValueError:
        html5 = []
    html5 += [source.get("src") for source in element.findall("source") if source.get("src")]
    for address in dict.fromkeys(html5):
        if is_playable(address):
            sources.append(address)
        else:
            lesson["links"].append({"title": element.get("display_name") or address,
                                    "href": address})
            course.warn(location(element), "video-source", address)
    played = []
    for source in sources:
        if len(lesson["videos"]) >= MAX_VIDEOS:
            lesson["links"].append({"title": element.get("display_name") or source,
                                    "href": source})
            course.warn(location(element), "too-many-videos", source)
        elif source not in lesson["videos"]:
            lesson["videos"].append(source)
            played.append(source)
    transcripts_of(course, element, lesson, played)


def transcripts_of(course, element, lesson, played):
    """The video's ``.srt`` transcripts as subtitle tracks of the sources the lesson
    plays (``played``); a transcript of a video only linked, or that cannot be read
    as SubRip (warned), as a file linked from the lesson."""
    transcripts = {transcript.get("language"): transcript.get("src")
                   for transcript in element.findall("transcript")}
    with contextlib.suppress(ValueError):
        transcripts.update(json.loads(element.get("transcripts") or "{}"))
    for language, name in sorted(transcripts.items()):
        if not language or not name:
            continue
        path = static_path(course.files, name)
        if path is None:
            course.warn(location(element), "missing-static", name)
            continue
        course.referenced.add(path)
        with Attempt() as attempt:
            cues = read_srt(course.files[path])
        if attempt.refused is None and played:
            lesson["tracks"].extend({"video": source, "language": language,
                                     "cues": [list(cue) for cue in cues]} for source in played)
            continue
        if attempt.refused is not None:
            course.warn(location(element), "transcript",
                        f"{name}: {translate(attempt.refused.message)}")
        lesson["transcripts"].append({"language": language, "file": path,
                                      "video": element.get("display_name") or ""})


def is_playable(address):
    return any(host in address for host in (
        "commons.wikimedia.org", "upload.wikimedia.org", "/videos/watch/", "/w/"))


def problem_of(course, element, quiz):
    if scripted(element):
        course.skip(element, "script")
        return
    questions, reasons = read_problem(element)
    for reason in reasons:
        course.warn(location(element), "unreadable", reason.partition(":")[2])
    readable = []
    for question in questions:
        problems = list(question_problems(
            question["kind"], question.get("choices"), question.get("number"),
            question.get("accepted_answers"), question.get("answer_pattern")))
        if problems:
            course.warn(location(element), "unreadable", question["kind"])
        else:
            course.statics(question["prompt"] + question["explanation"], location(element))
            readable.append(question)
    if not readable and not reasons:
        course.warn(location(element), "no-question")
    quiz["questions"].extend(readable)
    attempts = element.get("max_attempts")
    if attempts and attempts.isdigit():
        quiz["attempts_allowed"] = max(quiz["attempts_allowed"] or 0, int(attempts))


def text_of(element, tag):
    found = element.find(tag)
    return inner_html(found) if found is not None else ""


def assessment_of(course, element):
    """An ``openassessment`` as a peer-reviewed exercise, or None (warned)."""
    criteria = []
    for criterion in element.findall("rubric/criterion"):
        levels = [{"title": " ".join(text_of(option, "label").split())
                   or text_of(option, "name") or option.get("points", ""),
                   "points": int(float(option.get("points") or 0))}
                  for option in criterion.findall("option")]
        title = text_of(criterion, "label") or text_of(criterion, "name")
        if title and levels:
            criteria.append({"title": title, "description": text_of(criterion, "prompt"),
                             "levels": levels})
    if not criteria:
        course.warn(location(element), "no-rubric")
        return None
    prompts = [text_of(prompt, "description") for prompt in element.findall("prompts/prompt")]
    if not any(prompts):
        prompts = [text_of(element, "prompt")]
    peer = {}
    for assessment in element.findall("assessments/assessment"):
        if assessment.get("name") == "peer-assessment":
            peer = assessment.attrib
    instructions = "\n".join(f"<div>{prompt}</div>" for prompt in prompts if prompt)
    course.statics(instructions, location(element))
    return {
        "title": element.get("display_name") or text_of(element, "title") or "Assessment",
        "location": location(element),
        "instructions": instructions or "<p></p>",
        "rubric": {"criteria": criteria},
        "reviews_to_give": bounded(peer.get("must_grade"), 3),
        "reviews_required": bounded(peer.get("must_be_graded_by"), 3),
    }


def bounded(value, default):
    """A review count within what peer review allows (1 to 10)."""
    try:
        return min(10, max(1, int(value)))
    except (TypeError, ValueError):
        return default


def component_of(course, element, lesson, quiz, exercises, depth=0):
    if depth > MAX_DEPTH:
        raise OlxRefused(400, _(
            "Units are nested more than ${depth} deep in ${location}.",
            mapping={"depth": MAX_DEPTH, "location": location(element)}))
    element = course.load(element)
    if element.tag == "html":
        html = course.statics(html_of(course, element), location(element))
        if html.strip():
            lesson["text"].append(html)
    elif element.tag == "video":
        video_of(course, element, lesson)
    elif element.tag == "problem":
        problem_of(course, element, quiz)
    elif element.tag == "openassessment":
        exercise = assessment_of(course, element)
        if exercise is not None:
            exercises.append(exercise)
    elif element.tag == "vertical":
        title = element.get("display_name")
        if title:
            lesson["text"].append(f"<h2>{escape(title)}</h2>")
        for child in element:
            component_of(course, child, lesson, quiz, exercises, depth + 1)
    else:
        course.skip(element, SKIPPED.get(element.tag, "unknown"))


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sequential_of(course, element):
    element = course.load(element)
    title = element.get("display_name") or element.get("url_name") or "Lesson"
    lesson = {"title": title, "location": location(element), "text": [], "videos": [],
              "transcripts": [], "tracks": [], "links": []}
    quiz = {"title": title, "questions": [], "attempts_allowed": None}
    exercises = []
    for child in element:
        component_of(course, child, lesson, quiz, exercises)
    lesson["text"] = "\n".join(lesson["text"])
    if quiz["attempts_allowed"] is None:
        quiz["attempts_allowed"] = 0  # Open edX's default: as many as the learner wants
    return {"lesson": lesson, "quiz": quiz if quiz["questions"] else None,
            "exercises": exercises, "graded": element.get("graded") == "true",
            "due": block_day(course, element, "due"),
            "format": element.get("format") or ""}


def chapter_of(course, element):
    element = course.load(element)
    return {
        "title": element.get("display_name") or element.get("url_name") or "Module",
        "location": location(element),
        "opens": block_day(course, element, "start"),
        "subsections": [sequential_of(course, child) for child in element
                        if child.tag == "sequential"],
    }


def grading_of(course, run):
    """The grading policy sessions created from the course get: the pass mark is
    Open edX's lowest grade cutoff; graders whose type names peer work weigh as
    peer review, the others as quizzes."""
    path = f"policies/{run}/grading_policy.json"
    if path not in course.files:
        return None
    try:
        policy = json.loads(course.files[path])
        weights = {"quizzes": 0.0, "wiki": 0.0, "peer": 0.0}
        for grader in policy.get("GRADER", []):
            kind = str(grader.get("type", "")).lower()
            category = "peer" if any(word in kind for word in PEER_GRADER_WORDS) else "quizzes"
            weights[category] += float(grader.get("weight", 0)) * 100
        cutoffs = [float(value) for value in (policy.get("GRADE_CUTOFFS") or {}).values()]
    except (ValueError, TypeError, AttributeError):
        course.warn(path, "grading")
        return None
    grading = {"weights": {name: round(value, 2) for name, value in weights.items()}}
    if not any(weights.values()):
        del grading["weights"]
    if cutoffs:
        grading["pass_mark"] = round(min(cutoffs) * 100, 2)
    return grading


def schedule_of(course, run):
    settings = course.policy.get(f"course/{run}") or {}
    dates = {name: settings[name] for name in ("start", "end", "enrollment_start",
                                                "enrollment_end") if settings.get(name)}
    return dates or None


def read_course(files):
    """The plan of the course in ``files`` (archive paths → bytes); OlxRefused when
    it is no Open edX course."""
    pointer = Reading(files).element("course.xml")
    if pointer is None or pointer.tag != "course":
        raise OlxRefused(400, _("The archive holds no course.xml: it is no Open edX course."))
    run = pointer.get("url_name") or ""
    course = Reading(files, run)
    root = course.load(pointer)
    about = {name: (course.text(f"about/{name}.html") or "").strip()
             for name in ("overview", "short_description")}
    overview = course.statics(about["overview"], "about/overview.html")
    image = root.get("course_image")
    image_path = static_path(files, image) if image else None
    if image_path:
        course.referenced.add(image_path)
    modules = [chapter_of(course, child) for child in root if child.tag == "chapter"]
    for child in root:
        if child.tag not in ("chapter", "wiki"):
            course.skip(child, SKIPPED.get(child.tag, "unknown"))
    statics = sorted(path for path in files if path.startswith("static/")
                     and not path.endswith("/"))
    return {
        "title": root.get("display_name") or pointer.get("course") or run or "Course",
        "language": (root.get("language") or "").split("-")[0].lower() or None,
        "organisation": root.get("org") or pointer.get("org") or "",
        "course_number": pointer.get("course") or root.get("course") or "",
        "run": run,
        "summary": " ".join(about["short_description"].split()),
        "overview": overview,
        "image": image_path,
        "modules": modules,
        "files": statics,
        "grading": grading_of(course, run),
        "schedule": schedule_of(course, run),
        "skipped": course.skipped,
        "warnings": course.warnings,
    }
