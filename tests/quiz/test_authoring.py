"""Authors write questions in the Classic UI add form: a question that cannot be
graded or a bad regular expression is refused with the reason, nothing is added."""

from html_pages import html_client

import pytest
import re
import transaction


ADD = "/en/intro/basics/check/++add++QuizQuestion"


def add_form(client, fields):
    manager = html_client(client, "manager")
    page = manager.get(ADD)
    assert page.status_code == 200, page.text
    data = {
        "_authenticator": re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text)
        .group(1),
        "form.widgets.IDublinCore.title": "Founding",
        "form.widgets.prompt": "<p>When?</p>",
        "form.widgets.points": "1",
        "form.widgets.partial_credit:list": "none",
        "form.widgets.tolerance_kind:list": "absolute",
        "form.widgets.tolerance": "0",
        "form.buttons.save": "Save",
        **fields,
    }
    return manager.post(ADD, data=data)


@pytest.mark.parametrize(
    "fields, error",
    [
        ({"form.widgets.kind:list": "single", "form.widgets.choices": "A\nB"},
         "Mark exactly one right choice with a * at the start of its line."),
        ({"form.widgets.kind:list": "multiple", "form.widgets.choices": "* A"},
         "A choice question needs at least two choices, one per line."),
        ({"form.widgets.kind:list": "number"}, "A number question needs the right number."),
        ({"form.widgets.kind:list": "text", "form.widgets.answer_pattern": "[unclosed"},
         "This is not a valid regular expression."),
    ],
)
def test_questions_that_cannot_be_graded_are_refused(quiz, client, fields, error):
    answer = add_form(client, fields)
    assert answer.status_code == 200
    assert error in answer.text
    transaction.begin()
    assert len(quiz.questions()) == 4


def test_a_question_written_in_the_form(quiz, client):
    answer = add_form(client, {
        "form.widgets.kind:list": "single",
        "form.widgets.choices": "* 2001 | Yes, 15 January 2001.\n1991 | No, that is the Web.",
        "form.widgets.hint": "Early 2000s.",
    })
    assert answer.status_code == 200, answer.text
    transaction.begin()
    added = quiz.questions()[-1]
    assert added.Title() == "Founding" and added.kind == "single"
    assert added.choices.splitlines()[0] == "* 2001 | Yes, 15 January 2001."
    assert added.absolute_url() in answer.url
