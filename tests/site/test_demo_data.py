"""The demo courses are data (wikimooc/policy/demo/courses.yaml), checked as they are
read: a mistake stops with the file and its place in it."""

from wikimooc.policy.demo import DEMO_COURSES
from wikimooc.policy.demo.data import COURSES_FILE
from wikimooc.policy.demo.data import DemoDataError
from wikimooc.policy.demo.data import read_demo_content

import pytest
import yaml


def test_the_demo_has_its_six_courses_from_the_data_file():
    assert [(course.language, course.id) for course in DEMO_COURSES] == [
        ("en", "how-to-contribute-to-wikipedia"),
        ("de", "wikidata-und-das-semantic-web"),
        ("nl", "wikimedia-commons-vrije-licenties"),
        ("fr", "organiser-un-editathon"),
        ("es", "wikipedia-en-el-aula"),
        ("ar", "kayfa-tusahim-fi-wikipedia"),
    ]
    university = DEMO_COURSES[0].sessions[1]
    assert (university.private, university.capacity, len(university.learners)) == (True, 200, 5)
    assert DEMO_COURSES[3].module.exercise.title_pattern == "Utilisateur:{username}/Brouillon"
    quiz = DEMO_COURSES[0].module.quiz
    assert [question.kind for question in quiz.questions] == [
        "single", "multiple", "dropdown", "number", "text"
    ]
    assert (quiz.questions[0].points, quiz.questions[3].number) == (2.0, 2001.0)
    assert [course.module.quiz for course in DEMO_COURSES[1:]] == [None] * 5


def english_course(document):
    return document["courses"][0]


def set_namespace(document):
    english_course(document)["module"]["exercise"]["namespace"] = "six"


def misspell_sessions(document):
    english_course(document)["sesions"] = english_course(document).pop("sessions")


def drop_wiki(document):
    del english_course(document)["sessions"][0]["wiki"]


def misspell_project(document):
    english_course(document)["projects"] = ["wikipedai"]


def repeat_session_id(document):
    sessions = english_course(document)["sessions"]
    sessions[1]["id"] = sessions[0]["id"]


def repeat_course(document):
    document["courses"].append(english_course(document))


def make_learners_text(document):
    english_course(document)["sessions"][1]["learners"] = "WikiMOOC demo learner 1"


def end_before_the_start(document):
    english_course(document)["sessions"][0]["end_offset_days"] = -10


def make_capacity_true(document):
    english_course(document)["sessions"][1]["capacity"] = True


def quiz_questions(document):
    return english_course(document)["module"]["quiz"]["questions"]


def misspell_question_kind(document):
    quiz_questions(document)[0]["kind"] = "singel"


def leave_no_right_choice(document):
    quiz_questions(document)[0]["choices"] = "Neutral point of view\nOriginal research"


def drop_the_number(document):
    del quiz_questions(document)[3]["number"]


def make_the_number_text(document):
    quiz_questions(document)[3]["number"] = "2001"


def repeat_question_id(document):
    quiz_questions(document)[1]["id"] = quiz_questions(document)[0]["id"]


def empty_the_quiz(document):
    english_course(document)["module"]["quiz"]["questions"] = []


def give_the_quiz_the_lesson_id(document):
    module = english_course(document)["module"]
    module["quiz"]["id"] = module["lesson_id"]


@pytest.mark.parametrize(
    "mistake, message",
    [
        (set_namespace, "courses[0].module.exercise.namespace: expected a whole number, got 'six'"),
        (misspell_sessions, "courses[0]: unknown sesions (the keys are language, id,"),
        (drop_wiki, "courses[0].sessions[0]: missing wiki"),
        (misspell_project, "courses[0]: projects: 'wikipedai' is not one of wikipedia,"),
        (repeat_session_id, "courses[0]: ids of the module and the sessions: public-session-"),
        (repeat_course, "the file: courses (language/id): en/how-to-contribute-to-wikipedia"),
        (make_learners_text, "courses[0].sessions[1].learners: expected a list, got 'WikiMOOC"),
        (end_before_the_start, "courses[0].sessions[0]: end_offset_days: -10 is before start_"),
        (make_capacity_true, "courses[0].sessions[1].capacity: expected a whole number, got True"),
        (misspell_question_kind,
         "courses[0].module.quiz.questions[0]: kind: 'singel' is not one of single,"),
        (leave_no_right_choice, "courses[0].module.quiz.questions[0]: neutral-point-of-view:"
                                " Mark exactly one right choice with a *"),
        (drop_the_number,
         "courses[0].module.quiz.questions[3]: founded: A number question needs the right"),
        (make_the_number_text,
         "courses[0].module.quiz.questions[3].number: expected a number, got '2001'"),
        (repeat_question_id, "courses[0].module.quiz: ids of the questions: neutral-point-of-"),
        (empty_the_quiz, "courses[0].module.quiz: questions: a quiz needs at least one question"),
        (give_the_quiz_the_lesson_id,
         "courses[0].module: ids of the lesson, the exercise and the quiz: the-five-pillars"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_a_mistake_in_the_data_names_the_file_and_its_place(tmp_path, mistake, message):
    document = yaml.safe_load(COURSES_FILE.read_text(encoding="utf-8"))
    mistake(document)
    path = tmp_path / "courses.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DemoDataError) as refused:
        read_demo_content(path)
    assert str(refused.value).startswith(f"{path}: {message}")


def test_a_file_that_is_not_yaml_is_refused_with_its_name(tmp_path):
    path = tmp_path / "courses.yaml"
    path.write_text("courses:\n  - language: en\n   id: broken\n", encoding="utf-8")
    with pytest.raises(DemoDataError, match=rf"^{path}: not YAML: "):
        read_demo_content(path)
