"""A Course written as an Open edX archive (OLX) that Studio imports, in the shape
reading.py reads: each lesson a subsection of one unit holding its text (an html
component in files of its own) and videos; the quiz and exercises after a lesson
in the same subsection; the course's Files and Images in ``static/``."""

from wikimooc.policy.quiz.lines import parse_lines
from wikimooc.policy.reuse import refuse_unless_reusable
from wikimooc.policy.video.uploaded import as_srt
from wikimooc.policy.video.uploaded import uploaded_tracks
from wikimooc.workflows.behaviors import IPeerReviewExercise
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import fromstring
from xml.etree.ElementTree import ParseError
from xml.etree.ElementTree import SubElement
from xml.etree.ElementTree import tostring

import io
import json
import re
import tarfile


RESOLVE_UID = re.compile(r"(?:\.\./)*(?:[^\"'\s]*/)?resolveuid/([0-9a-f]{32})")
RESPONSES = {"single": "multiplechoiceresponse", "multiple": "choiceresponse",
             "dropdown": "optionresponse", "number": "numericalresponse",
             "text": "stringresponse"}


class Archive:
    """The files of the archive being written, under ``course/``."""

    def __init__(self):
        self.files = {}

    def xml(self, path, element):
        self.files[path] = tostring(element, encoding="unicode").encode()

    def add(self, path, data):
        self.files[path] = data

    def tar_gz(self):
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
            for path, data in sorted(self.files.items()):
                info = tarfile.TarInfo(f"course/{path}")
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        return buffer.getvalue()


def raw(value):
    return (value.raw if value is not None else "") or ""


def static_urls(course):
    """UID → /static/<name> of the course's Files and Images."""
    urls = {}
    for item in course.objectValues():
        if item.portal_type in ("File", "Image"):
            urls[item.UID()] = f"/static/{static_name(item)}"
    return urls


def static_name(item):
    """The file's path under static/: its title (the path it was imported from)."""
    parts = (item.Title() or item.getId()).replace(" ", "_").split("/")
    return "/".join(part for part in parts if part not in ("", ".", "..")) or item.getId()


def with_statics(html, urls):
    return RESOLVE_UID.sub(lambda found: urls.get(found.group(1), found.group(0)), html)


def fragment(parent, html):
    """``html`` as the children of ``parent`` when it is well-formed, else as text."""
    try:
        wrapper = fromstring(f"<div>{html}</div>")
    except ParseError:
        parent.text = html
        return
    parent.text = wrapper.text
    parent.extend(list(wrapper))


def choice_elements(parent, tag, hint_tag, lines, correct_true="true"):
    for line in lines:
        choice = SubElement(parent, tag, correct=correct_true if line.right else "false")
        choice.text = line.text
        if line.feedback:
            SubElement(choice, hint_tag).text = line.feedback


def response_of(problem, question):
    kind = question.kind
    response = SubElement(problem, RESPONSES[kind])
    lines = parse_lines(question.accepted_answers if kind == "text" else question.choices)
    if kind == "single":
        choice_elements(SubElement(response, "choicegroup", type="MultipleChoice"),
                        "choice", "choicehint", lines)
    elif kind == "multiple":
        if (question.partial_credit or "none") != "none":
            response.set("partial_credit", {"edc": "EDC"}.get(question.partial_credit,
                                                              question.partial_credit))
        choice_elements(SubElement(response, "checkboxgroup"), "choice", "choicehint", lines)
    elif kind == "dropdown":
        choice_elements(SubElement(response, "optioninput"), "option", "optionhint", lines,
                        correct_true="True")
    elif kind == "number":
        response.set("answer", repr(question.number))
        if question.tolerance:
            percent = "%" if question.tolerance_kind == "percent" else ""
            SubElement(response, "responseparam", type="tolerance",
                       default=f"{question.tolerance!r}{percent}")
        SubElement(response, "formulaequationinput")
    else:
        text_response(response, question, lines)
    return response


def text_response(response, question, lines):
    pattern = question.answer_pattern
    if pattern:
        insensitive = pattern.startswith("(?i)")
        response.set("type", "regexp ci" if insensitive else "regexp cs")
        response.set("answer", pattern[4:] if insensitive else pattern)
    else:
        response.set("type", "ci")
        response.set("answer", lines[0].text if lines else "")
        for line in lines[1:]:
            SubElement(response, "additional_answer", answer=line.text)
        for line in lines:
            if line.feedback:
                SubElement(response, "stringequalhint", answer=line.text).text = line.feedback
    SubElement(response, "textline")


def problem_of(quiz, question, urls):
    problem = Element("problem", display_name=question.Title(), weight=repr(question.points))
    if quiz.attempts_allowed:
        problem.set("max_attempts", str(quiz.attempts_allowed))
    prompt = Element("div")
    fragment(prompt, with_statics(raw(question.prompt), urls))
    problem.extend(list(prompt))
    response = response_of(problem, question)
    if prompt.text and prompt.text.strip():
        response.insert(0, Element("label"))
        response[0].text = prompt.text.strip()
    explanation = raw(question.explanation)
    if explanation:
        solution = SubElement(SubElement(problem, "solution"), "div",
                              {"class": "detailed-solution"})
        fragment(solution, with_statics(explanation, urls))
    if question.hint:
        hints = SubElement(problem, "demandhint")
        for hint in question.hint.splitlines():
            if hint.strip():
                SubElement(hints, "hint").text = hint.strip()
    return problem


def assessment_of(exercise, urls):
    review = IPeerReviewExercise(exercise)
    assessment = Element("openassessment", display_name=exercise.Title())
    SubElement(assessment, "title").text = exercise.Title()
    description = SubElement(SubElement(SubElement(assessment, "prompts"), "prompt"),
                             "description")
    fragment(description, with_statics(raw(exercise.instructions), urls))
    rubric = SubElement(assessment, "rubric")
    for index, criterion in enumerate((review.rubric or {}).get("criteria", [])):
        element = SubElement(rubric, "criterion")
        SubElement(element, "name").text = f"criterion-{index + 1}"
        SubElement(element, "label").text = criterion["title"]
        SubElement(element, "prompt").text = criterion.get("description") or ""
        for number, level in enumerate(criterion["levels"]):
            option = SubElement(element, "option", points=str(level["points"]))
            SubElement(option, "name").text = f"option-{number + 1}"
            SubElement(option, "label").text = level["title"]
    assessments = SubElement(assessment, "assessments")
    SubElement(assessments, "assessment", name="peer-assessment",
               must_grade=str(review.reviews_to_give),
               must_be_graded_by=str(review.reviews_required))
    return assessment


def video_element(source, index, name):
    found = re.search(r"[?&]v=([A-Za-z0-9_-]{11})", source)
    video = Element("video", display_name=f"{name} {index + 1}", url_name=f"{name}-{index}")
    if found:
        video.set("youtube", f"1.00:{found.group(1)}")
        video.set("youtube_id_1_0", found.group(1))
    else:
        video.set("html5_sources", json.dumps([source]))
        SubElement(video, "source", src=source)
    return video


class Writer:
    def __init__(self, course):
        self.course = course
        self.archive = Archive()
        self.urls = static_urls(course)
        self.count = 0

    def name(self, prefix):
        self.count += 1
        return f"{prefix}{self.count}"

    def sequential(self, chapter, title):
        url_name = self.name("s")
        SubElement(chapter, "sequential", url_name=url_name)
        sequential = Element("sequential", display_name=title)
        self.archive.xml(f"sequential/{url_name}.xml", sequential)
        return url_name, sequential

    def lesson(self, vertical, lesson):
        name = self.name("h")
        self.archive.xml(f"html/{name}.xml", Element("html", filename=name,
                                                     display_name=lesson.Title()))
        self.archive.add(f"html/{name}.html",
                         with_statics(raw(getattr(lesson, "text", None)), self.urls).encode())
        SubElement(vertical, "html", url_name=name)
        for index, source in enumerate(lesson.videos or []):
            video = video_element(source, index, name)
            transcripts = {}
            for lang, cues in sorted(uploaded_tracks(lesson, source).items()):
                transcripts[lang] = f"transcript-{name}-{index}-{lang}.srt"
                self.archive.add(f"static/{transcripts[lang]}", as_srt(cues))
                SubElement(video, "transcript", language=lang, src=transcripts[lang])
            if transcripts:
                video.set("transcripts", json.dumps(transcripts))
            vertical.append(video)

    def module(self, course_element, module):
        url_name = self.name("m")
        SubElement(course_element, "chapter", url_name=url_name)
        chapter = Element("chapter", display_name=module.Title())
        current = None
        for item in module.objectValues():
            if item.portal_type not in ("Lesson", "Quiz", "Exercise"):
                continue
            if current is None or item.portal_type == "Lesson":
                current = (*self.sequential(chapter, item.Title()), Element("vertical"))
            sequential_name, sequential, vertical = current
            if item.portal_type == "Lesson":
                self.lesson(vertical, item)
            elif item.portal_type == "Quiz":
                for question in item.questions():
                    vertical.append(problem_of(item, question, self.urls))
            elif item.check == "peer":
                vertical.append(assessment_of(item, self.urls))
            else:
                html = SubElement(vertical, "html", display_name=item.Title())
                fragment(html, with_statics(raw(item.instructions), self.urls))
            if not len(sequential):
                sequential.append(vertical)
            self.archive.xml(f"sequential/{sequential_name}.xml", sequential)
        self.archive.xml(f"chapter/{url_name}.xml", chapter)

    def write(self):
        course = self.course
        run = "wikimooc"
        org = re.sub(r"[^A-Za-z0-9_.-]", "", course.organisation or "") or "WikiMOOC"
        self.archive.xml("course.xml", Element("course", url_name=run, org=org,
                                               course=course.getId()))
        root = Element("course", display_name=course.Title(),
                       language=course.Language() or "")
        if getattr(course, "image", None):
            root.set("course_image", "course_image.png")
            self.archive.add("static/course_image.png", course.image.data)
        for module in course.objectValues():
            if module.portal_type == "Module":
                self.module(root, module)
        self.archive.xml(f"course/{run}.xml", root)
        for item in course.objectValues():
            if item.portal_type == "File":
                self.archive.add(f"static/{static_name(item)}", item.file.data)
            elif item.portal_type == "Image":
                self.archive.add(f"static/{static_name(item)}", item.image.data)
        self.archive.add("about/short_description.html", (course.Description() or "").encode())
        self.archive.add("about/overview.html", with_statics(
            raw(getattr(course, "text", None)), self.urls).encode())
        self.archive.add(f"policies/{run}/policy.json", json.dumps(
            {f"course/{run}": {"display_name": course.Title()}}).encode())
        return self.archive.tar_gz()


def export_course(course):
    """(filename, the .tar.gz) of ``course``, for whoever may reuse it."""
    refuse_unless_reusable(course)
    return f"{course.getId()}.tar.gz", Writer(course).write()
