"""Open edX problems (capa XML) read as quiz questions: pure functions from an
element to plain dicts with the fields of ``QuizQuestion`` (policy/quiz/), and
warnings for what cannot be read. One question per response type in the problem;
the problem's ``weight`` is shared between them (1 point each without one)."""

from wikimooc.policy.quiz.lines import FEEDBACK_SEPARATOR
from xml.etree.ElementTree import tostring

import re


RESPONSE_KINDS = {
    "multiplechoiceresponse": "single",
    "choiceresponse": "multiple",
    "optionresponse": "dropdown",
    "numericalresponse": "number",
    "stringresponse": "text",
}
# Problems graded by code of their own: never imported, always reported.
SCRIPTED = ("customresponse", "schematicresponse", "formularesponse", "imageresponse",
            "jsinput", "script", "coderesponse", "symbolicresponse", "annotationresponse",
            "drag_and_drop_input")
PARTIAL_CREDIT = {"edc": "edc", "halves": "halves"}
NOT_PROMPT = set(RESPONSE_KINDS) | {"solution", "demandhint", "script"}


class Unreadable(ValueError):
    """A response whose right answer cannot be read."""


def inner_html(element):
    """The element's content as HTML (its text and children, without itself)."""
    parts = [element.text or ""]
    for child in element:
        parts.append(tostring(child, encoding="unicode"))
    return "".join(parts).strip()


def plain(element):
    """The element's own words, its hints and nested markup left out."""
    if element is None:
        return ""
    words = [element.text or ""]
    for child in element:
        if child.tag not in ("choicehint", "optionhint", "hint"):
            words.append(plain(child))
        words.append(child.tail or "")
    return " ".join("".join(words).split())


def truthy(value):
    return str(value or "").strip().lower() == "true"


def line(text, right, feedback=""):
    text = text.replace("\n", " ").strip()
    if text.startswith("*"):
        text = "\\" + text
    line_text = ("* " if right else "") + text
    if feedback:
        line_text += FEEDBACK_SEPARATOR + " ".join(feedback.split())
    return line_text


def choice_feedback(choice, tag):
    hints = choice.findall(tag)
    chosen = [hint for hint in hints if hint.get("selected", "true").lower() == "true"]
    return " ".join(plain(hint) for hint in (chosen or hints))


def choice_lines(group, tag="choice", hint_tag="choicehint"):
    choices = group.findall(tag) if group is not None else []
    return [line(plain(choice), truthy(choice.get("correct")), choice_feedback(choice, hint_tag))
            for choice in choices]


def read_single(response):
    return {"choices": "\n".join(choice_lines(response.find("choicegroup")))}


def read_multiple(response):
    kind = (response.get("partial_credit") or "").strip().lower()
    return {
        "choices": "\n".join(choice_lines(response.find("checkboxgroup"))),
        "partial_credit": PARTIAL_CREDIT.get(kind, "none"),
    }


def read_options(response):
    select = response.find("optioninput")
    if select is None:
        raise Unreadable("no optioninput")
    if select.findall("option"):
        return {"choices": "\n".join(choice_lines(select, "option", "optionhint"))}
    # The older form: options="('a','b')" correct="a".
    options = re.findall(r"'((?:[^'\\]|\\.)*)'", select.get("options") or "")
    right = select.get("correct")
    if not options or right not in options:
        raise Unreadable("options")
    return {"choices": "\n".join(line(option, option == right) for option in options)}


def read_tolerance(response):
    for param in response.findall("responseparam"):
        if param.get("type") == "tolerance":
            value = (param.get("default") or "").strip()
            if value.endswith("%"):
                return float(value[:-1]), "percent"
            return float(value), "absolute"
    return 0.0, "absolute"


def read_number(response):
    answer = (response.get("answer") or "").strip()
    range_match = re.fullmatch(r"[\[(]\s*([-\d.eE+]+)\s*,\s*([-\d.eE+]+)\s*[\])]", answer)
    try:
        if range_match:
            low, high = float(range_match.group(1)), float(range_match.group(2))
            return {"number": (low + high) / 2, "tolerance": (high - low) / 2,
                    "tolerance_kind": "absolute"}
        tolerance, tolerance_kind = read_tolerance(response)
        return {"number": float(answer), "tolerance": abs(tolerance),
                "tolerance_kind": tolerance_kind}
    except ValueError:
        raise Unreadable(answer) from None


def read_text(response):
    answers = [response.get("answer") or ""]
    answers += [extra.get("answer") or (extra.text or "")
                for extra in response.findall("additional_answer")]
    answers = [answer.strip() for answer in answers if answer and answer.strip()]
    if not answers:
        raise Unreadable("no answer")
    types = (response.get("type") or "").lower().split()
    if "regexp" in types:
        pattern = answers[0] if len(answers) == 1 else "|".join(
            f"(?:{answer})" for answer in answers)
        if "cs" not in types:
            pattern = "(?i)" + pattern
        try:
            re.compile(pattern)
        except re.error:
            raise Unreadable(pattern) from None
        return {"answer_pattern": pattern, "accepted_answers": ""}
    if "cs" in types and not all(answer == answer.lower() for answer in answers):
        # Questions here accept answers whatever their capitals: a case-sensitive
        # answer becomes a pattern that keeps the capitals.
        pattern = "|".join(re.escape(answer) for answer in answers)
        return {"answer_pattern": pattern, "accepted_answers": ""}
    hints = {(hint.get("answer") or "").strip(): plain(hint)
             for hint in response.findall("stringequalhint")}
    return {"accepted_answers": "\n".join(line(answer, False, hints.get(answer, ""))
                                          for answer in answers)}


READERS = {
    "single": read_single,
    "multiple": read_multiple,
    "dropdown": read_options,
    "number": read_number,
    "text": read_text,
}


def prompt_of(problem, response):
    """The problem's text before the response, and the response's label."""
    parts = []
    for child in problem:
        if child is response:
            break
        if child.tag not in NOT_PROMPT:
            parts.append(tostring(child, encoding="unicode").strip())
    for label_tag in ("label", "description"):
        label = response.find(label_tag)
        if label is not None:
            parts.append(f"<p>{inner_html(label)}</p>")
    return "\n".join(part for part in parts if part)


def explanation_of(problem):
    solution = problem.find(".//solution")
    return inner_html(solution) if solution is not None else ""


def hints_of(problem):
    return "\n".join(plain(hint) for hint in problem.findall("demandhint/hint"))


def scripted(problem):
    """The problem is graded (or drawn) by code of its own."""
    return any(next(problem.iter(tag), None) is not None for tag in SCRIPTED)


def read_problem(problem):
    """(questions, warnings) of one ``<problem>`` element: each question a dict of
    QuizQuestion fields (``kind``, ``title``, ``prompt``, ``points``, ``hint``,
    ``explanation`` and the kind's answers); each warning a short English reason."""
    responses = [child for child in problem.iter() if child.tag in RESPONSE_KINDS]
    weight = problem.get("weight")
    try:
        total = float(weight) if weight not in (None, "") else float(len(responses))
    except ValueError:
        total = float(len(responses))
    points = round(total / len(responses), 4) if responses else 0.0
    title = problem.get("display_name") or ""
    questions, warnings = [], []
    for index, response in enumerate(responses):
        kind = RESPONSE_KINDS[response.tag]
        try:
            answers = READERS[kind](response)
        except Unreadable:
            warnings.append(f"unreadable:{response.tag}")
            continue
        questions.append({
            "kind": kind,
            "title": title if len(responses) == 1 else f"{title} ({index + 1})",
            "prompt": prompt_of(problem, response),
            "points": points,
            "hint": hints_of(problem),
            "explanation": explanation_of(problem),
            **answers,
        })
    return questions, warnings
