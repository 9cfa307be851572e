"""Invariants and constraints give a clear reason and let nothing through."""

from datetime import date
from wikimooc.policy.content.exercise import IExercise
from wikimooc.policy.content.exercise import OnlyUsernamePlaceholder
from wikimooc.policy.content.session import ICourseSession
from zope.interface import Invalid
from zope.schema import ValidationError

import pytest


class Data:
    def __init__(self, **values):
        self.__dict__.update(values)


EXERCISE_DEFAULTS = dict(
    check="wiki",
    wiki_action="edit_page",
    rubric=None,
    required_text=None,
    required_text_is_pattern=False,
)
RUBRIC = {"criteria": [{"title": "Sources", "levels": [{"title": "None", "points": 0}]}]}


@pytest.mark.parametrize(
    "changes, message",
    [
        ({}, None),
        ({"wiki_action": None}, "needs the action to check"),
        ({"check": "peer"}, "needs a rubric with at least one criterion"),
        ({"check": "peer", "rubric": {"criteria": []}}, "at least one criterion"),
        ({"check": "peer", "rubric": RUBRIC}, None),
        ({"required_text": "[unclosed", "required_text_is_pattern": True}, "not a valid regular"),
        ({"required_text": "[unclosed", "required_text_is_pattern": False}, None),
        ({"required_text": r"\{\{Ébauche", "required_text_is_pattern": True}, None),
    ],
)
def test_exercise_invariants(changes, message):
    data = Data(**{**EXERCISE_DEFAULTS, **changes})
    if message is None:
        IExercise.validateInvariants(data)
    else:
        with pytest.raises(Invalid, match=message):
            IExercise.validateInvariants(data)


@pytest.mark.parametrize(
    "pattern, valid",
    [
        ("User:{username}/Brouillon", True),
        ("Utilisateur:{username}/Brouillon", True),
        ("Wikipédia:Atelier", True),
        ("User:{user}/Sandbox", False),
        ("User:{username/Sandbox", False),
        ("{username}{0}", False),
    ],
)
def test_title_pattern_placeholder(pattern, valid):
    field = IExercise["title_pattern"]
    if valid:
        field.validate(pattern)
    else:
        with pytest.raises(OnlyUsernamePlaceholder):
            field.validate(pattern)


def test_rubric_schema_refuses_negative_points():
    bad = {"criteria": [{"title": "Sources", "levels": [{"title": "x", "points": -1}]}]}
    with pytest.raises(Exception, match="minimum"):
        IExercise["rubric"].validate(bad)


SESSION_DEFAULTS = dict(
    start=date(2027, 3, 1), end=date(2027, 4, 30), enrollment_policy="open", enrollment_key=None
)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({}, None),
        ({"end": date(2027, 2, 1)}, "cannot end before it starts"),
        ({"end": date(2027, 3, 1)}, None),
        ({"enrollment_policy": "key"}, "need the key"),
        ({"enrollment_policy": "key", "enrollment_key": "s3same"}, None),
    ],
)
def test_session_invariants(changes, message):
    data = Data(**{**SESSION_DEFAULTS, **changes})
    if message is None:
        ICourseSession.validateInvariants(data)
    else:
        with pytest.raises(Invalid, match=message):
            ICourseSession.validateInvariants(data)


@pytest.mark.parametrize(
    "host, valid",
    [
        ("fr.wikipedia.org", True),
        ("www.wikidata.org", True),
        ("commons.wikimedia.org", True),
        ("localhost:8181", True),
        ("https://fr.wikipedia.org", False),
        ("fr.wikipedia.org/wiki/Accueil", False),
        ("FR.WIKIPEDIA.ORG", False),
        ("", False),
    ],
)
def test_wiki_is_a_host_name(host, valid):
    field = ICourseSession["wiki"]
    if valid:
        field.validate(host)
    else:
        with pytest.raises(ValidationError):
            field.validate(host)
