"""The quiz page and its form action. What the page shows before an attempt comes
from the learner's view of the quiz (wikimooc.policy.quiz.reading): no answers."""

from plone import api
from wikimooc.policy.coursedates.rules import clock
from wikimooc.policy.coursedates.rules import due_passed
from wikimooc.policy.quiz.attempts import attempt_report
from wikimooc.policy.quiz.attempts import attempts_left
from wikimooc.policy.quiz.attempts import learner_attempts
from wikimooc.policy.quiz.attempts import learner_session
from wikimooc.policy.quiz.attempts import learner_sessions
from wikimooc.policy.quiz.attempts import submit
from wikimooc.policy.quiz.content import question_lines
from wikimooc.policy.quiz.reading import choice_id
from wikimooc.policy.quiz.reading import learner_quiz
from wikimooc.policy.readable import number_message
from wikimooc.theme import _
from wikimooc.theme.course.views import CoursePartView
from wikimooc.theme.quiz.statistics import may_see_statistics
from wikimooc.workflows.refusals import RefusingAction


ANSWER_PREFIX = "answers."


def choice_texts(question):
    return {choice_id(question, position): line.text
            for position, line in enumerate(question_lines(question))}


def shown_answer(question, answer):
    """An answer as the page shows it: choice ids become their texts."""
    if question is None or answer is None:
        return answer
    texts = choice_texts(question)
    if isinstance(answer, list):
        return ", ".join(texts.get(item, item) for item in answer)
    return texts.get(answer, answer) if question.kind in ("single", "dropdown") else str(answer)


def shown_right_answer(question, right):
    if right is None:
        return None
    if "choices" in right:
        texts = choice_texts(question)
        return ", ".join(texts[item] for item in right["choices"] if item in texts)
    if "number" in right:
        number, tolerance = right["number"], right["tolerance"]
        if not tolerance:
            return f"{number:g}"
        unit = " %" if right["tolerance_kind"] == "percent" else ""
        return f"{number:g} ± {tolerance:g}{unit}"
    if "pattern" in right:
        return right["pattern"]
    return ", ".join(right["accepted"])


class QuizView(CoursePartView):
    def update(self):
        quiz = self.context
        member = None if api.user.is_anonymous() else api.user.get_current()
        self.username, self.sessions = learner_sessions(quiz, member)
        self.quiz = learner_quiz(quiz, self.username)

    def __call__(self):
        self.update()
        return self.index()

    def text(self):
        return self.quiz["text"]

    def statistics_url(self):
        """The question statistics, for the teachers of a session of the course."""
        if may_see_statistics(self.context):
            return f"{self.context.absolute_url()}/@@quiz-statistics"
        return None

    def visitor(self):
        """anonymous, not_learner or learner."""
        if api.user.is_anonymous():
            return "anonymous"
        return "learner" if self.sessions else "not_learner"

    def session_states(self):
        """Each of the visitor's sessions with its attempts left and last report."""
        quiz = self.context
        states = []
        for session in self.sessions:
            attempts = learner_attempts(session, quiz, self.username)
            left = attempts_left(quiz, len(attempts))
            last = attempt_report(
                quiz, attempts[-1], len(attempts),
                due_passed=due_passed(session, self.username, quiz, clock()),
            ) if attempts else None
            if last:
                for question in last["questions"]:
                    item = quiz.get(question["id"])
                    question["title"] = item.Title() if item is not None else question["id"]
                    question["answer_text"] = shown_answer(item, question["answer"])
                    question["right_text"] = shown_right_answer(item, question.get("right_answer"))
            states.append({"id": session.getId(), "title": session.Title(), "used": len(attempts),
                           "left": left, "can_answer": left is None or left > 0, "last": last})
        return states


def form_answers(quiz, form):
    answers = {}
    for question in quiz.questions():
        given = form.get(ANSWER_PREFIX + question.getId())
        if question.kind == "multiple":
            if given:
                answers[question.getId()] = given if isinstance(given, list) else [given]
        elif isinstance(given, str) and given.strip():
            answers[question.getId()] = given.strip()
    return answers


class TakeQuiz(RefusingAction):
    """The attempt form's action: graded, recorded, then back to the quiz page."""

    def act(self, form):
        quiz = self.context
        session, username = learner_session(
            quiz, api.user.get_current(), form.get("session") or None
        )
        attempt = submit(quiz, session, username, form_answers(quiz, form))
        return _(
            "Your attempt is recorded: ${score} of ${max} points.",
            mapping={"score": number_message(attempt.score),
                     "max": number_message(attempt.max_score)},
        )
