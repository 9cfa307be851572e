"""The plan read from a course archive: every mapping of the issue, one test each
(pure functions, no site)."""

from olx_archives import full_course
from olx_archives import PROBLEM_CHECKBOX
from olx_archives import PROBLEM_NUMBER
from olx_archives import PROBLEM_OPTION
from olx_archives import PROBLEM_REGEXP
from olx_archives import PROBLEM_SINGLE
from olx_archives import PROBLEM_TEXT
from wikimooc.policy.olx.archive import parse_xml
from wikimooc.policy.olx.problems import read_problem
from wikimooc.policy.olx.reading import read_course
from wikimooc.policy.quiz.grading import grade
from wikimooc.policy.quiz.grading import Key
from wikimooc.policy.quiz.lines import parse_lines

import json
import pytest


def encoded(files):
    return {path: content.encode() if isinstance(content, str) else content
            for path, content in files.items()}


@pytest.fixture
def plan():
    return read_course(encoded(full_course()))


def test_course_xml_and_run_give_title_language_organisation(plan):
    assert (plan["title"], plan["language"], plan["organisation"]) == ("Wikimooc", "fr", "WikiFr")
    assert (plan["course_number"], plan["run"]) == ("WM01", "2027")


def test_about_gives_summary_and_overview(plan):
    assert plan["summary"] == "Learn to edit Wikipedia."
    assert "<p>Learn to edit.</p>" in plan["overview"]
    assert plan["image"] == "static/cover.png"


def test_chapters_become_modules_and_sequentials_lessons(plan):
    assert [module["title"] for module in plan["modules"]] == ["Discover", "Inline chapter"]
    lessons = [[sub["lesson"]["title"] for sub in module["subsections"]]
               for module in plan["modules"]]
    assert lessons == [["The pillars"], ["Inline seq"]]


def test_units_are_headings_of_the_lesson_text_and_html_from_files_and_inline(plan):
    first = plan["modules"][0]["subsections"][0]["lesson"]["text"]
    assert first.index("<h2>Read</h2>") < first.index("See <img") < first.index("<h2>Practise</h2>")
    inline = plan["modules"][1]["subsections"][0]["lesson"]["text"]
    assert "Inline <b>text</b>" in inline


def test_static_references_are_noted_and_missing_ones_warned(plan):
    missing = [warning for warning in plan["warnings"] if warning["reason"] == "missing-static"]
    assert [warning["detail"] for warning in missing] == ["missing.pdf"]
    assert missing[0]["location"] == "html/intro"
    assert "static/docs/guide.pdf" in plan["files"]


def test_video_youtube_html5_and_transcripts_per_language(plan):
    lesson = plan["modules"][0]["subsections"][0]["lesson"]
    assert lesson["videos"] == ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]
    assert lesson["links"] == [{"title": "Welcome", "href": "https://example.org/welcome.mp4"}]
    # The .srt transcripts become the video's subtitle tracks, read into cues.
    assert lesson["tracks"] == [
        {"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "language": "en",
         "cues": [[0.0, 2.5, "Welcome to Wikipedia."]]},
        {"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "language": "fr",
         "cues": [[0.0, 2.5, "Bienvenue sur Wikipédia."]]},
    ]
    assert lesson["transcripts"] == []
    assert any(w["reason"] == "video-source" for w in plan["warnings"])


VIDEO_WITH = ('<video display_name="Clip" html5_sources=\'["{source}"]\'>'
              '<transcript language="fr" src="clip-fr.srt"/></video>')


@pytest.mark.parametrize(("source", "transcript", "tracks", "linked", "warned"), [
    # An HTML5 source the player plays (a Commons file) gets the track.
    ("https://commons.wikimedia.org/wiki/File:Clip.webm",
     b"1\n00:00:01,000 --> 00:00:02,000\nSalut\n", ["fr"], [], []),
    # One it cannot play stays a link, and so does its transcript file.
    ("https://example.org/clip.mp4", b"1\n00:00:01,000 --> 00:00:02,000\nSalut\n",
     [], ["fr"], ["video-source"]),
    # A transcript that is not SubRip (or not UTF-8) is warned and linked.
    ("https://commons.wikimedia.org/wiki/File:Clip.webm", b"<html>no</html>", [], ["fr"],
     ["transcript"]),
    ("https://commons.wikimedia.org/wiki/File:Clip.webm",
     "1\n00:00:01,000 --> 00:00:02,000\nÉté\n".encode("latin-1"), [], ["fr"],
     ["transcript"]),
])
def test_html5_transcripts(source, transcript, tracks, linked, warned):
    files = encoded(full_course())
    files["video/welcome.xml"] = VIDEO_WITH.format(source=source).encode()
    files["static/clip-fr.srt"] = transcript
    plan = read_course(files)
    lesson = plan["modules"][0]["subsections"][0]["lesson"]
    assert [track["language"] for track in lesson["tracks"]] == tracks
    assert [item["language"] for item in lesson["transcripts"]] == linked
    assert [w["reason"] for w in plan["warnings"]
            if w["location"] == "video/welcome"] == warned


def test_problems_become_one_quiz_after_the_lesson(plan):
    quiz = plan["modules"][0]["subsections"][0]["quiz"]
    assert [question["kind"] for question in quiz["questions"]] == [
        "single", "multiple", "dropdown", "number", "text", "text"]
    assert quiz["attempts_allowed"] == 3


def test_open_assessment_becomes_a_peer_reviewed_exercise(plan):
    (exercise,) = plan["modules"][0]["subsections"][0]["exercises"]
    assert exercise["title"] == "Write a stub"
    assert "Write a stub about your town." in exercise["instructions"]
    assert exercise["rubric"] == {"criteria": [
        {"title": "Sources", "description": "Does it cite sources?",
         "levels": [{"title": "None", "points": 0}, {"title": "Reliable sources", "points": 2}]},
        {"title": "Neutral tone", "description": "Is it neutral?",
         "levels": [{"title": "No", "points": 0}, {"title": "Yes", "points": 1}]},
    ]}
    assert (exercise["reviews_to_give"], exercise["reviews_required"]) == (4, 2)


def test_skipped_components_with_their_location(plan):
    skipped = {(item["location"], item["reason"]) for item in plan["skipped"]}
    assert skipped == {("lti_consumer/tool", "lti"), ("library_content/lib", "library"),
                       ("problem/p7", "script")}


def test_grading_policy_and_schedule(plan):
    assert plan["grading"] == {"weights": {"quizzes": 60.0, "wiki": 0.0, "peer": 40.0},
                               "pass_mark": 60.0}
    assert plan["schedule"] == {"start": "2027-03-01T00:00:00Z", "end": "2027-04-30T00:00:00Z"}
    # Sections' starts (policy.json's entry, or the element's attribute) and
    # subsections' due dates, as days.
    assert [module["opens"] for module in plan["modules"]] == ["2027-03-08", "2027-04-05"]
    assert [sub["due"] for module in plan["modules"] for sub in module["subsections"]] == [
        "2027-03-20", None]


def test_the_plan_is_json():
    plan = read_course(encoded(full_course()))
    assert json.loads(json.dumps(plan)) == plan


def question(xml):
    questions, warnings = read_problem(parse_xml(xml.encode(), "problem.xml"))
    assert warnings == []
    (found,) = questions
    return found


def key(found):
    source = found.get("accepted_answers") if found["kind"] == "text" else found.get("choices")
    return Key(kind=found["kind"], points=found["points"], choices=tuple(parse_lines(source)),
               partial_credit=found.get("partial_credit", "none"), number=found.get("number"),
               tolerance=found.get("tolerance", 0.0),
               tolerance_kind=found.get("tolerance_kind", "absolute"),
               pattern=found.get("answer_pattern") or None)


GRADED = [
    # problem, answer, fraction: the imported question grades as Open edX would
    ("single-right", PROBLEM_SINGLE, 1, 1.0),
    ("single-wrong", PROBLEM_SINGLE, 0, 0.0),
    ("checkbox-all", PROBLEM_CHECKBOX, [0, 1], 1.0),
    ("checkbox-edc-one-missing", PROBLEM_CHECKBOX, [0], 2 / 3),
    ("option-right", PROBLEM_OPTION, 1, 1.0),
    ("number-within-tolerance", PROBLEM_NUMBER, "2002", 1.0),
    ("number-outside", PROBLEM_NUMBER, "2003", 0.0),
    ("text-ci", PROBLEM_TEXT, "jimmy wales", 1.0),
    ("text-additional", PROBLEM_TEXT, "Jimbo", 1.0),
    ("text-other", PROBLEM_TEXT, "Larry", 0.0),
    ("regexp-cs", PROBLEM_REGEXP, "Pillars", 1.0),
    ("regexp-cs-capitals", PROBLEM_REGEXP, "PILLARS", 0.0),
]


@pytest.mark.parametrize(("name", "xml", "answer", "fraction"), GRADED,
                         ids=[case[0] for case in GRADED])
def test_imported_questions_grade_as_in_open_edx(name, xml, answer, fraction):
    assert grade(key(question(xml)), answer).fraction == pytest.approx(fraction)


def test_weight_hints_feedback_and_explanation():
    found = question(PROBLEM_SINGLE)
    assert found["points"] == 2.0
    assert found["hint"] == "Think of neutrality.\nNPOV."
    assert [(line.text, line.right, line.feedback) for line in parse_lines(found["choices"])] == [
        ("Original research", False, "No: no original research."),
        ("Neutral point of view", True, "Yes, the second pillar."),
    ]
    assert "Five pillars" in found["explanation"]
    assert "Which is a pillar of Wikipedia?" in found["prompt"]
    checkbox = question(PROBLEM_CHECKBOX)
    assert parse_lines(checkbox["choices"])[0].feedback == "Right."
    assert checkbox["partial_credit"] == "edc"


@pytest.mark.parametrize(("xml", "kind"), [
    ('<problem><numericalresponse answer="about ten"><formulaequationinput/>'
     '</numericalresponse></problem>', "numericalresponse"),
    ('<problem><optionresponse><optioninput options="(\'a\',\'b\')" correct="c"/>'
     '</optionresponse></problem>', "optionresponse"),
    ('<problem><stringresponse type="ci"><textline/></stringresponse></problem>',
     "stringresponse"),
])
def test_unreadable_answers_are_warnings(xml, kind):
    questions, warnings = read_problem(parse_xml(xml.encode(), "p.xml"))
    assert questions == [] and warnings == [f"unreadable:{kind}"]


def test_numerical_range_and_percent_tolerance():
    ranged = question('<problem><numericalresponse answer="[5, 15]"><formulaequationinput/>'
                      '</numericalresponse></problem>')
    assert (ranged["number"], ranged["tolerance"]) == (10.0, 5.0)
    percent = question('<problem><numericalresponse answer="200"><responseparam'
                       ' type="tolerance" default="5%"/></numericalresponse></problem>')
    assert (percent["tolerance"], percent["tolerance_kind"]) == (5.0, "percent")
