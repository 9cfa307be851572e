"""Who may do what in peer review: the role sets each workflow state grants, and how
they play out on real content (acquired from the session, Peer Reviewer given from
the allocations)."""

from Acquisition import aq_parent
from plone import api
from plone.app.testing import login
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.enrollment import add_learners
from wikimooc.workflows.peerreview.actions import create_submission
from wikimooc.workflows.peerreview.storage import round_for

import pytest


ADMINS = {"Manager", "Site Administrator"}
TEAM = ADMINS | {"Owner", "Editor", "Reader", "Contributor", "Teacher"}
NOBODY = set()
ACQUIRED = "acquired from the session"

SUBMIT = "wikimooc: Submit work"
REVIEW = "wikimooc: Review work"
MANAGE = "wikimooc: Manage peer review"
VIEW_REVIEWS = "wikimooc: View peer reviews"

SEE_SUBMISSION = TEAM | {"Peer Reviewer"}
HANDED_IN = {
    "View": SEE_SUBMISSION, "Access contents information": SEE_SUBMISSION,
    "Modify portal content": ADMINS, "Delete objects": ADMINS, SUBMIT: NOBODY, REVIEW: ACQUIRED,
}
SUBMISSION_STATES = {
    "draft": {**HANDED_IN, "Modify portal content": ACQUIRED, SUBMIT: ACQUIRED, REVIEW: NOBODY},
    "submitted": HANDED_IN,
    "in_review": HANDED_IN,
    "graded": HANDED_IN,
    "cancelled": {**HANDED_IN, REVIEW: NOBODY},
}

# The author is the submission's Owner: no role of theirs may read a review.
SEE_REVIEW = TEAM - {"Owner"}
REVIEW_STATE = {
    "View": SEE_REVIEW, "Access contents information": SEE_REVIEW,
    "Modify portal content": ADMINS, "Delete objects": ADMINS,
}
REVIEW_STATES = {"counted": REVIEW_STATE, "cancelled": REVIEW_STATE}


def cases():
    """The session workflows' share is in tests/workflows/test_session_workflows.py."""
    for workflow_id, states in (
        ("wikimooc_submission_workflow", SUBMISSION_STATES),
        ("wikimooc_review_workflow", REVIEW_STATES),
    ):
        for state, permissions in states.items():
            for permission, roles in permissions.items():
                yield workflow_id, state, permission, roles


@pytest.mark.parametrize("workflow_id, state, permission, roles", list(cases()))
def test_role_sets(portal, workflow_id, state, permission, roles):
    info = portal.portal_workflow[workflow_id].states[state].getPermissionInfo(permission)
    if roles == ACQUIRED:
        assert info == {"acquired": True, "roles": []}
    else:
        assert not info["acquired"]
        assert set(info["roles"]) == roles


@pytest.mark.parametrize(
    "permission", [SUBMIT, REVIEW, MANAGE, VIEW_REVIEWS]
)
def test_site_defaults_are_for_admins_only(portal, permission):
    roles = {role["name"] for role in portal.rolesOfPermission(permission) if role["selected"]}
    assert roles == ADMINS
    assert not portal.acquiredRolesAreUsedBy(permission)


@pytest.fixture
def submission(portal, make_session, course):
    """ada's draft, in an open session taught by "teacher"."""
    with api.env.adopt_roles(["Manager"]):
        for login_name in ("ada", "bob", "teacher"):
            api.user.create(
                email=f"{login_name}@example.org", username=login_name, password="secret-pw-123"
            )
        module = api.content.create(container=course, type="Module", id="basics", title="Basics")
        exercise = api.content.create(
            container=module, type="Exercise", id="sources", title="Sources", check="peer",
            rubric={"criteria": [{"title": "Sources", "levels": [{"title": "Some", "points": 1}]}]},
            instructions=RichTextValue("<p>Cite.</p>"),
        )
        session = make_session(teachers=["teacher"])
        api.content.transition(session, "open")
        add_learners(session, ["ada", "bob"], added_by="teacher")
    login(portal, "ada")
    return create_submission(session, exercise.UID(), "My work.", [])


def allowed(login_name, permission, obj):
    return api.user.has_permission(permission, username=login_name, obj=obj)


@pytest.mark.parametrize(
    "login_name, permission, expected",
    [
        ("ada", "Modify portal content", True),
        ("ada", "View", True),
        ("ada", SUBMIT, True),
        ("bob", "View", False),
        ("bob", SUBMIT, True),
        ("teacher", "View", True),
        ("teacher", MANAGE, True),
        ("teacher", SUBMIT, False),
    ],
)
def test_a_draft_in_an_open_session(submission, login_name, permission, expected):
    assert allowed(login_name, permission, submission) is expected


@pytest.mark.parametrize(
    "login_name, permission, expected",
    [
        ("ada", "Modify portal content", False),
        ("ada", "View", True),
        ("ada", SUBMIT, False),
        ("teacher", MANAGE, False),
        ("teacher", VIEW_REVIEWS, True),
        ("teacher", "Modify portal content", False),
    ],
)
def test_a_closed_session_makes_its_work_read_only(submission, login_name, permission, expected):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(aq_parent(submission), "close")
    assert allowed(login_name, permission, submission) is expected


def test_an_allocated_reviewer_is_peer_reviewer_of_the_work(submission):
    assert "Peer Reviewer" not in api.user.get_roles(username="bob", obj=submission)

    round_for(aq_parent(submission), submission.exercise).allocate(submission.UID(), "bob")

    assert "Peer Reviewer" in api.user.get_roles(username="bob", obj=submission)
    assert "Peer Reviewer" not in api.user.get_roles(username="bob", obj=aq_parent(submission))
