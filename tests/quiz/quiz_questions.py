"""The questions the quiz tests ask."""

from plone.app.textfield.value import RichTextValue
from wikimooc.policy.quiz.reading import choice_id


PILLARS = "* Neutral point of view | Yes, the second pillar.\nOriginal research | No.\nAdvertising"


def rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


QUESTIONS = {
    "pillar": {
        "kind": "single", "title": "A pillar",
        "prompt": "<p>Which is a pillar?</p>", "points": 2.0,
        "hint": "Think of neutrality.", "choices": PILLARS,
        "explanation": "<p>The five pillars: see WP:5P.</p>",
    },
    "licences": {
        "kind": "multiple", "title": "Licences",
        "prompt": "<p>Free licences?</p>", "points": 1.0,
        "choices": "* CC BY-SA | Yes\n* CC BY | Yes too\nCC BY-NC | Not free",
        "partial_credit": "edc",
    },
    "year": {
        "kind": "number", "title": "Year", "prompt": "<p>When was Wikipedia founded?</p>",
        "points": 1.0, "number": 2001.0, "tolerance": 0.0,
    },
    "word": {
        "kind": "text", "title": "Word",
        "prompt": "<p>The five … of Wikipedia?</p>", "points": 1.0,
        "accepted_answers": "pillars | Right\npiliers",
    },
}


def fields(name):
    """A question's fields, with fresh rich text values (each stored once)."""
    values = dict(QUESTIONS[name])
    for field in ("prompt", "explanation"):
        if field in values:
            values[field] = rich(values[field])
    return values


QUIZ = "/en/intro/basics/check"  # the `quiz` fixture's path


def right_answers(quiz):
    return {
        "pillar": choice_id(quiz["pillar"], 0),
        "licences": [choice_id(quiz["licences"], 0), choice_id(quiz["licences"], 1)],
        "year": 2001,
        "word": "Pillars",
    }
