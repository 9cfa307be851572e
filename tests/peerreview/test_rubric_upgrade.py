"""An exercise's rubric is a peer-review setting (the wikimooc.peer_review_exercise
behavior): rubrics written when it was a field of the Exercise schema are read
after the upgrade, grade the reviews, and the exercise forms still offer it."""

from plone import api
from plone.app.testing import login
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.enrollment import add_learners
from wikimooc.workflows.behaviors import IPeerReviewExercise
from wikimooc.workflows.peerreview.actions import create_submission
from wikimooc.workflows.peerreview.actions import post_review
from wikimooc.workflows.peerreview.grading import out_of

import pytest


PROFILE = "wikimooc.policy:default"
BEHAVIOR = "wikimooc.peer_review_exercise"
RUBRIC = {
    "criteria": [
        {"title": "Sources", "levels": [{"title": "None", "points": 0},
                                        {"title": "Reliable", "points": 2}]},
        {"title": "Neutrality", "levels": [{"title": "Biased", "points": 0},
                                           {"title": "Neutral", "points": 3}]},
    ]
}
RUBRIC_WIDGET = "IPeerReviewExercise.rubric"


@pytest.fixture
def module(course):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=course, type="Module", id="basics", title="Basics")


@pytest.fixture
def exercise(module):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=module, type="Exercise", id="sources", title="Cite your sources",
            check="peer", rubric=RUBRIC, instructions=RichTextValue("<p>Cite.</p>"),
        )


@pytest.fixture
def exercise_from_before(portal, module):
    """A peer-reviewed exercise as version 20261124040 kept it: the rubric an
    attribute of the exercise (Dexterity keeps every schema field so), on a site
    whose Exercise type has lost the peer-review behavior."""
    with api.env.adopt_roles(["Manager"]):
        exercise = api.content.create(
            container=module, type="Exercise", id="sources", title="Cite your sources",
            check="peer", instructions=RichTextValue("<p>Cite.</p>"),
        )
    exercise.rubric = RUBRIC
    fti = portal.portal_types["Exercise"]
    fti.manage_changeProperties(behaviors=tuple(name for name in fti.behaviors if name != BEHAVIOR))
    portal.portal_setup.setLastVersionForProfile(PROFILE, "20261124040")
    return exercise


def test_the_upgrade_keeps_the_rubric_and_peer_review_grades_with_it(
    portal, exercise_from_before, make_session
):
    assert not IPeerReviewExercise.providedBy(exercise_from_before)
    with api.env.adopt_roles(["Manager"]):
        portal.portal_setup.upgradeProfile(PROFILE)

    assert portal.portal_setup.listUpgrades(PROFILE) == []
    assert BEHAVIOR in portal.portal_types["Exercise"].behaviors
    assert IPeerReviewExercise(exercise_from_before).rubric == RUBRIC

    with api.env.adopt_roles(["Manager"]):
        for login_name in ("ada", "teacher"):
            api.user.create(
                email=f"{login_name}@example.org", username=login_name, password="secret-pw-123"
            )
        session = make_session(teachers=["teacher"])
        api.content.transition(session, "open")
        add_learners(session, ["ada"], added_by="teacher")
    login(portal, "ada")
    submission = create_submission(session, exercise_from_before.UID(), "My work.", [])
    api.content.transition(submission, "submit")
    login(portal, "teacher")
    review = post_review(submission, [{"level": 1}, {"level": 0}], "Reliable, not neutral.")

    assert [choice["level"] for choice in review.choices] == ["Reliable", "Biased"]
    assert review.points == 2
    assert out_of(submission) == 5


def test_an_exercise_keeps_its_rubric_where_the_schema_kept_it(exercise):
    assert exercise.__dict__["rubric"] == RUBRIC
    assert IPeerReviewExercise(exercise).rubric == RUBRIC


def form_widgets(form):
    """The form's widgets, by fieldset label (None for the default one)."""
    form.update()
    widgets = {None: list(form.widgets)}
    for group in form.groups:
        widgets[group.label] = list(group.widgets)
    return widgets


def test_the_add_form_offers_the_rubric_with_the_peer_review_settings(module):
    with api.env.adopt_roles(["Manager"]):
        form = module.restrictedTraverse("++add++Exercise").form_instance
        widgets = form_widgets(form)
    assert widgets["Peer review"][:3] == [
        RUBRIC_WIDGET, "IPeerReviewExercise.reviews_required", "IPeerReviewExercise.reviews_to_give"
    ]


def test_the_edit_form_shows_the_rubric_it_has(exercise):
    with api.env.adopt_roles(["Manager"]):
        form = exercise.restrictedTraverse("@@edit").form_instance
        widgets = form_widgets(form)
        group = next(group for group in form.groups if group.label == "Peer review")
        shown = group.widgets[RUBRIC_WIDGET].value
    assert RUBRIC_WIDGET in widgets["Peer review"]
    assert '"Neutrality"' in shown
