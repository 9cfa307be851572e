"""Invariants and constraints give a clear reason and let nothing through."""

from datetime import date
from wikimooc.policy.content.exercise import IExercise
from wikimooc.policy.content.exercise import OnlyUsernamePlaceholder
from wikimooc.policy.content.session import ICourseSession
from wikimooc.workflows.behaviors import IPeerReviewExercise
from zope.interface import Invalid
from zope.schema import ValidationError

import pytest


class Data:
    def __init__(self, **values):
        self.__dict__.update(values)


EXERCISE_DEFAULTS = {
    "check": "wiki",
    "wiki_action": "edit_page",
    "rubric": None,
    "required_text": None,
    "required_text_is_pattern": False,
}
SESSION_DEFAULTS = {
    "start": date(2027, 3, 1), "end": date(2027, 4, 30), "enrollment_policy": "open",
    "enrollment_key": None,
}
RUBRIC = {"criteria": [{"title": "Sources", "levels": [{"title": "None", "points": 0}]}]}


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
        IPeerReviewExercise["rubric"].validate(bad)


@pytest.mark.parametrize(
    "schema, changes, message",
    [
        (IExercise, {}, None),
        (IExercise, {"wiki_action": None}, "needs the action to check"),
        (IExercise, {"check": "peer"}, "needs a rubric with at least one criterion"),
        (IExercise, {"check": "peer", "rubric": {"criteria": []}}, "at least one criterion"),
        (IExercise, {"check": "peer", "rubric": RUBRIC}, None),
        (IExercise, {"required_text": "[unclosed", "required_text_is_pattern": True},
         "not a valid regular"),
        (IExercise, {"required_text": "[unclosed", "required_text_is_pattern": False}, None),
        (IExercise, {"required_text": r"\{\{Ébauche", "required_text_is_pattern": True}, None),
        (ICourseSession, {}, None),
        (ICourseSession, {"end": date(2027, 2, 1)}, "cannot end before it starts"),
        (ICourseSession, {"end": date(2027, 3, 1)}, None),
        (ICourseSession, {"enrollment_policy": "key"}, "need the key"),
        (ICourseSession, {"enrollment_policy": "key", "enrollment_key": "s3same"}, None),
    ],
)
def test_invariants(schema, changes, message):
    defaults = EXERCISE_DEFAULTS if schema is IExercise else SESSION_DEFAULTS
    data = Data(**{**defaults, **changes})
    if message is None:
        schema.validateInvariants(data)
    else:
        with pytest.raises(Invalid, match=message):
            schema.validateInvariants(data)


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
