"""The Quiz type (in a module, ordered with lessons and exercises) and its questions,
each a content item of its own written in Classic UI forms."""

from plone.app.textfield import RichText
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from wikimooc.policy import _
from wikimooc.policy.quiz.grading import CHOICE_KINDS
from wikimooc.policy.quiz.grading import Key
from wikimooc.policy.quiz.lines import parse_lines
from wikimooc.policy.vocabularies import vocabulary
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema import ValidationError

import re
import uuid


SHOW_ANSWERS = vocabulary(
    ("after_attempt", _("After each attempt")),
    ("after_last_attempt", _("After the last attempt")),
    ("after_due", _("After the due date")),
    ("never", _("Never")),
)

QUESTION_KINDS = vocabulary(
    ("single", _("Single choice")),
    ("multiple", _("Multiple choice (select all that apply)")),
    ("dropdown", _("Dropdown")),
    ("number", _("Number")),
    ("text", _("Short text")),
)

PARTIAL_CREDIT = vocabulary(
    ("none", _("None: every choice must be right")),
    ("edc", _("Every decision counts: a share per choice rightly ticked or left")),
    ("halves", _("Halves: half the points for one mistake, a quarter for two")),
)

TOLERANCE_KINDS = vocabulary(
    ("absolute", _("Absolute (the same unit as the answer)")),
    ("percent", _("Percent of the answer")),
)


class IQuiz(model.Schema):
    """Questions a learner answers in a session; graded on the server."""

    attempts_allowed = schema.Int(
        title=_("Attempts allowed"),
        description=_("1 for a graded quiz; 0 for as many as the learner wants (practice)."),
        min=0,
        default=1,
    )
    graded = schema.Bool(
        title=_("Counts for the grade"),
        required=False,
        default=True,
    )
    show_answers = schema.Choice(
        title=_("Show the right answers and explanations"),
        vocabulary=SHOW_ANSWERS,
        default="after_last_attempt",
    )
    shuffle = schema.Bool(
        title=_("Shuffle the choices"),
        description=_(
            "Each learner sees the choices in an order of their own, the same at every visit."
        ),
        required=False,
        default=False,
    )


@implementer(IQuiz)
class Quiz(Container):
    def questions(self):
        """The quiz's questions, in their order."""
        return [item for item in self.objectValues() if IQuizQuestion.providedBy(item)]


class NotARegularExpression(ValidationError):
    __doc__ = _("This is not a valid regular expression.")


def regular_expression(value):
    try:
        re.compile(value)
    except re.error as error:
        raise NotARegularExpression(value) from error
    return True


class IQuizQuestion(model.Schema):
    """One question of a quiz. Its fields stay in one fieldset: z3c.form checks an
    invariant only with the fields of the fieldset it is given, and the one below
    needs the kind with the answers."""

    kind = schema.Choice(title=_("Kind of question"), vocabulary=QUESTION_KINDS, default="single")
    prompt = RichText(title=_("Question"))
    points = schema.Float(title=_("Points"), min=0.0, default=1.0)
    hint = schema.Text(
        title=_("Hint"), description=_("Shown to learners who ask for it."), required=False
    )
    choices = schema.Text(
        title=_("Choices"),
        description=_(
            "Single choice, multiple choice and dropdown: one choice per line; start the"
            " right ones with *; after \" | \" the feedback a learner who picks it reads,"
            " e.g. \"* Neutral point of view | Yes, the second pillar.\""
        ),
        required=False,
    )
    partial_credit = schema.Choice(
        title=_("Partial credit (multiple choice)"),
        vocabulary=PARTIAL_CREDIT,
        default="none",
    )

    number = schema.Float(title=_("The right number (number questions)"), required=False)
    tolerance = schema.Float(
        title=_("Tolerance"),
        description=_("How far from the right number an answer may be; 0 for exact."),
        min=0.0,
        default=0.0,
        required=False,
    )
    tolerance_kind = schema.Choice(
        title=_("Tolerance in"), vocabulary=TOLERANCE_KINDS, default="absolute"
    )

    accepted_answers = schema.Text(
        title=_("Accepted answers (short text questions)"),
        description=_(
            "One per line, without regard to capitals or spaces; after \" | \" the"
            " feedback a learner who types it reads."
        ),
        required=False,
    )
    answer_pattern = schema.TextLine(
        title=_("Or a regular expression"),
        description=_(
            "The whole answer must match it, e.g. [Pp]illars?; it replaces the accepted answers."
        ),
        constraint=regular_expression,
        required=False,
    )

    explanation = RichText(
        title=_("Explanation"),
        description=_("Shown with the right answer, as the quiz's settings say."),
        required=False,
    )

    @invariant
    def answers_fit_the_kind(data):
        for message in question_problems(
            data.kind, data.choices, data.number, data.accepted_answers, data.answer_pattern
        ):
            raise Invalid(message)


def question_problems(kind, choices, number, accepted_answers, answer_pattern):
    """What keeps a question of ``kind`` with these answers from being graded."""
    if kind in CHOICE_KINDS:
        lines = parse_lines(choices)
        right = sum(1 for line in lines if line.right)
        if len(lines) < 2:
            yield _("A choice question needs at least two choices, one per line.")
        elif any(not line.text for line in lines):
            yield _("Every choice needs a text before its feedback.")
        elif kind == "multiple" and right < 1:
            yield _("Mark at least one right choice with a * at the start of its line.")
        elif kind != "multiple" and right != 1:
            yield _("Mark exactly one right choice with a * at the start of its line.")
    elif kind == "number" and number is None:
        yield _("A number question needs the right number.")
    elif kind == "text" and not answer_pattern and not parse_lines(accepted_answers):
        yield _("A short text question needs accepted answers or a regular expression.")


@implementer(IQuizQuestion)
class QuizQuestion(Item):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Makes the choices' ids, which learners see, say nothing of their order.
        self.choice_salt = uuid.uuid4().hex


def question_lines(question):
    source = question.accepted_answers if question.kind == "text" else question.choices
    return tuple(parse_lines(source))


def answer_key(question):
    """What grading needs of ``question`` (and learners never see)."""
    return Key(
        kind=question.kind,
        points=question.points or 0.0,
        choices=question_lines(question),
        partial_credit=question.partial_credit or "none",
        number=question.number,
        tolerance=question.tolerance or 0.0,
        tolerance_kind=question.tolerance_kind or "absolute",
        pattern=question.answer_pattern or None,
    )
