"""The demo courses as data: courses.yaml, read into frozen dataclasses and checked as
it is read. A mistake in the file stops with the file and its place in it
(``courses[2].module.exercise.namespace: expected a whole number, got 'six'``), before
anything is created in a site."""

from dataclasses import dataclass
from dataclasses import fields
from dataclasses import is_dataclass
from dataclasses import MISSING
from datetime import timedelta
from pathlib import Path
from types import NoneType
from types import UnionType
from typing import get_args
from typing import get_origin
from typing import get_type_hints
from wikimooc.policy.quiz.content import PARTIAL_CREDIT
from wikimooc.policy.quiz.content import QUESTION_KINDS
from wikimooc.policy.quiz.content import question_problems
from wikimooc.policy.quiz.content import SHOW_ANSWERS
from wikimooc.policy.vocabularies import AUDIENCES
from wikimooc.policy.vocabularies import ORGANISATION_KINDS
from wikimooc.policy.vocabularies import PROJECTS
from wikimooc.policy.vocabularies import WIKI_ACTIONS

import yaml


COURSES_FILE = Path(__file__).with_name("courses.yaml")


class DemoDataError(ValueError):
    """The demo data is not what the demo needs; the message says where and why."""


def check_tokens(name, values, vocabulary):
    unknown = [value for value in values if value not in vocabulary]
    if unknown:
        raise ValueError(
            f"{name}: {', '.join(map(repr, unknown))} is not one of"
            f" {', '.join(vocabulary.by_token)}"
        )


def check_unique(name, values):
    repeated = sorted({value for value in values if values.count(value) > 1})
    if repeated:
        raise ValueError(f"{name}: {', '.join(repeated)} given more than once")


@dataclass(frozen=True)
class DemoExercise:
    id: str
    title: str
    instructions: str
    wiki_action: str
    namespace: int
    title_pattern: str | None = None
    min_bytes: int = 0

    def __post_init__(self):
        check_tokens("wiki_action", [self.wiki_action], WIKI_ACTIONS)
        if self.min_bytes < 0:
            raise ValueError(f"min_bytes: {self.min_bytes} is negative")


@dataclass(frozen=True)
class DemoQuestion:
    """A quiz question; ``choices`` and ``accepted_answers`` as authors type them in
    the question's form (wikimooc.policy.quiz.lines)."""

    id: str
    title: str
    kind: str
    prompt: str
    points: float = 1.0
    hint: str | None = None
    choices: str | None = None
    partial_credit: str = "none"
    number: float | None = None
    tolerance: float = 0.0
    accepted_answers: str | None = None
    explanation: str | None = None

    def __post_init__(self):
        check_tokens("kind", [self.kind], QUESTION_KINDS)
        check_tokens("partial_credit", [self.partial_credit], PARTIAL_CREDIT)
        for problem in question_problems(
            self.kind, self.choices, self.number, self.accepted_answers, None
        ):
            raise ValueError(f"{self.id}: {problem}")


@dataclass(frozen=True)
class DemoQuiz:
    id: str
    title: str
    questions: tuple[DemoQuestion, ...]
    attempts_allowed: int = 1
    show_answers: str = "after_last_attempt"

    def __post_init__(self):
        check_tokens("show_answers", [self.show_answers], SHOW_ANSWERS)
        if not self.questions:
            raise ValueError("questions: a quiz needs at least one question")
        check_unique("ids of the questions", [question.id for question in self.questions])


@dataclass(frozen=True)
class DemoModule:
    id: str
    title: str
    lesson_id: str
    lesson_title: str
    lesson_text: str
    wiki_pages: tuple[str, ...]
    exercise: DemoExercise
    quiz: DemoQuiz | None = None

    def __post_init__(self):
        check_unique(
            "ids of the lesson, the exercise and the quiz",
            [self.lesson_id, self.exercise.id, *([self.quiz.id] if self.quiz else [])],
        )


@dataclass(frozen=True)
class DemoSession:
    id: str
    title: str
    description: str
    wiki: str
    start_offset_days: int
    end_offset_days: int
    private: bool = False
    capacity: int | None = None
    learners: tuple[str, ...] = ()

    def __post_init__(self):
        if self.end_offset_days < self.start_offset_days:
            raise ValueError(
                f"end_offset_days: {self.end_offset_days} is before start_offset_days,"
                f" {self.start_offset_days}"
            )
        if self.capacity is not None and self.capacity < 1:
            raise ValueError(f"capacity: {self.capacity} leaves no seat")

    def dates(self, creation_day):
        """The session's start and end for a site created on ``creation_day``."""
        return (
            creation_day + timedelta(days=self.start_offset_days),
            creation_day + timedelta(days=self.end_offset_days),
        )


@dataclass(frozen=True)
class DemoCourse:
    language: str
    id: str
    title: str
    description: str
    projects: tuple[str, ...]
    audience: tuple[str, ...]
    organisation: str
    organisation_kind: str
    module: DemoModule
    sessions: tuple[DemoSession, ...] = ()

    def __post_init__(self):
        check_tokens("projects", self.projects, PROJECTS)
        check_tokens("audience", self.audience, AUDIENCES)
        check_tokens("organisation_kind", [self.organisation_kind], ORGANISATION_KINDS)
        check_unique(
            "ids of the module and the sessions",
            [self.module.id, *(session.id for session in self.sessions)],
        )


@dataclass(frozen=True)
class DemoProgram:
    language: str
    id: str
    title: str
    description: str
    organisation: str
    period_start_offset_days: int
    period_end_offset_days: int
    sessions: tuple[str, ...]  # language/course id/session id

    def __post_init__(self):
        if self.period_end_offset_days < self.period_start_offset_days:
            raise ValueError(
                f"period_end_offset_days: {self.period_end_offset_days} is before"
                f" period_start_offset_days, {self.period_start_offset_days}"
            )
        check_unique("sessions", list(self.sessions))


@dataclass(frozen=True)
class DemoContent:
    courses: tuple[DemoCourse, ...]
    programs: tuple[DemoProgram, ...] = ()

    def __post_init__(self):
        check_unique(
            "courses (language/id)",
            [f"{course.language}/{course.id}" for course in self.courses],
        )
        sessions = {f"{course.language}/{course.id}/{session.id}"
                    for course in self.courses for session in course.sessions}
        for index, program in enumerate(self.programs):
            unknown = [path for path in program.sessions if path not in sessions]
            if unknown:
                raise ValueError(
                    f"programs[{index}].sessions: {', '.join(unknown)} is no demo session"
                )


KINDS = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}


def read(kind, value, where):
    """``value``, as YAML gave it, as a ``kind`` (the type of a dataclass field)."""
    if is_dataclass(kind):
        return read_record(kind, value, where)
    if get_origin(kind) is tuple:
        if not isinstance(value, list):
            raise DemoDataError(f"{where}: expected a list, got {value!r}")
        (item_kind, _more) = get_args(kind)
        return tuple(
            read(item_kind, item, f"{where}[{index}]") for index, item in enumerate(value)
        )
    if isinstance(kind, UnionType):  # an optional value: `int | None`
        if value is None:
            return None
        (kind,) = [argument for argument in get_args(kind) if argument is not NoneType]
        return read(kind, value, where)
    if kind is float and type(value) is int:
        return float(value)
    if type(value) is not kind:
        raise DemoDataError(f"{where}: expected {KINDS[kind]}, got {value!r}")
    return value


def read_record(kind, value, where):
    names = [field.name for field in fields(kind)]
    place = where or "the file"
    if not isinstance(value, dict):
        raise DemoDataError(f"{place}: expected keys {', '.join(names)}, got {value!r}")
    unknown = [str(key) for key in value if key not in names]
    if unknown:
        raise DemoDataError(
            f"{place}: unknown {', '.join(unknown)} (the keys are {', '.join(names)})"
        )
    missing = [
        field.name
        for field in fields(kind)
        if field.name not in value and field.default is MISSING
    ]
    if missing:
        raise DemoDataError(f"{place}: missing {', '.join(missing)}")
    field_types = get_type_hints(kind)
    read_values = {
        name: read(field_types[name], item, f"{where}.{name}" if where else name)
        for name, item in value.items()
    }
    try:
        return kind(**read_values)
    except ValueError as error:
        raise DemoDataError(f"{place}: {error}") from None


def read_demo_content(path=COURSES_FILE):
    """The demo content of ``path``; DemoDataError names the file and the place."""
    try:
        return read(DemoContent, yaml.safe_load(path.read_text(encoding="utf-8")), "")
    except yaml.YAMLError as error:
        raise DemoDataError(f"{path}: not YAML: {error}") from None
    except DemoDataError as error:
        raise DemoDataError(f"{path}: {error}") from None


DEMO = read_demo_content()
DEMO_COURSES = DEMO.courses
DEMO_PROGRAMS = DEMO.programs
