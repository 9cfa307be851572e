"""Session workflows of wikimooc.workflows: states, transitions, the exact role sets
each state grants, and how they behave on real content."""

from AccessControl import getSecurityManager
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import TEST_USER_NAME

import pytest


PUBLIC = "wikimooc_public_session_workflow"
PRIVATE = "wikimooc_private_session_workflow"
WORKFLOWS = {
    PUBLIC: "WikiMOOC public session workflow",
    PRIVATE: "WikiMOOC private session workflow",
}

ACI = "Access contents information"
VIEW = "View"
MODIFY = "Modify portal content"
ENROLL = "wikimooc: Enroll in session"
VIEW_ENROLLMENTS = "wikimooc: View enrollments"
MANAGE_ENROLLMENTS = "wikimooc: Manage enrollments"
# Peer review: submissions and reviews acquire these from their session.
SUBMIT = "wikimooc: Submit work"
REVIEW = "wikimooc: Review work"
MANAGE_PEER_REVIEW = "wikimooc: Manage peer review"
VIEW_PEER_REVIEWS = "wikimooc: View peer reviews"
# Forum posts acquire it from their session: a closed session's forum is an archive.
POST_IN_FORUM = "wikimooc: Post in forum"
PERMISSIONS = (
    ACI, VIEW, MODIFY, ENROLL, VIEW_ENROLLMENTS, MANAGE_ENROLLMENTS,
    SUBMIT, REVIEW, MANAGE_PEER_REVIEW, VIEW_PEER_REVIEWS, POST_IN_FORUM,
)

STATES = {"draft": "Draft", "open": "Open", "closed": "Closed"}
# transition id: (title, from state, to state)
TRANSITIONS = {
    "open": ("Open enrollment", "draft", "open"),
    "close": ("Close", "open", "closed"),
    "reopen": ("Reopen", "closed", "open"),
    "retract": ("Back to draft", "open", "draft"),
}
# Whoever may edit the session moves it: its teachers until it is closed.
GUARD_PERMISSIONS = ("Modify portal content",)
WIKIMOOC_ROLES = ("Learner", "Teacher", "Course Author", "Course Reviewer", "WikiMOOC Worker")

ADMINS = {"Manager", "Site Administrator"}
TEACHING = ADMINS | {"Teacher"}
TEAM_VIEW = ADMINS | {"Owner", "Editor", "Reader", "Contributor", "Teacher"}
TEAM_EDIT = ADMINS | {"Owner", "Editor", "Teacher"}
NOBODY = set()

PRIVATE_OPEN_VIEW = TEAM_VIEW | {"Learner"}
PUBLIC_OPEN_VIEW = PRIVATE_OPEN_VIEW | {"Anonymous"}


def matrix(open_view):
    return {
        "draft": {
            ACI: TEAM_VIEW, VIEW: TEAM_VIEW, MODIFY: TEAM_EDIT, ENROLL: NOBODY,
            VIEW_ENROLLMENTS: TEACHING, MANAGE_ENROLLMENTS: TEACHING,
            SUBMIT: NOBODY, REVIEW: NOBODY, MANAGE_PEER_REVIEW: TEACHING,
            VIEW_PEER_REVIEWS: TEACHING, POST_IN_FORUM: TEACHING,
        },
        "open": {
            ACI: open_view, VIEW: open_view, MODIFY: TEAM_EDIT, ENROLL: {"Authenticated"},
            VIEW_ENROLLMENTS: TEACHING, MANAGE_ENROLLMENTS: TEACHING,
            SUBMIT: {"Learner"}, REVIEW: TEACHING | {"Learner"}, MANAGE_PEER_REVIEW: TEACHING,
            VIEW_PEER_REVIEWS: TEACHING, POST_IN_FORUM: TEACHING | {"Learner"},
        },
        "closed": {
            ACI: open_view, VIEW: open_view, MODIFY: ADMINS, ENROLL: NOBODY,
            VIEW_ENROLLMENTS: TEACHING, MANAGE_ENROLLMENTS: ADMINS,
            SUBMIT: NOBODY, REVIEW: NOBODY, MANAGE_PEER_REVIEW: ADMINS,
            VIEW_PEER_REVIEWS: TEACHING, POST_IN_FORUM: NOBODY,
        },
    }


EXPECTED = {PUBLIC: matrix(PUBLIC_OPEN_VIEW), PRIVATE: matrix(PRIVATE_OPEN_VIEW)}
PERMISSION_CASES = [
    (wf_id, state, permission, roles)
    for wf_id, states in EXPECTED.items()
    for state, permissions in states.items()
    for permission, roles in permissions.items()
]


@pytest.fixture
def workflow_tool(portal):
    return portal.portal_workflow


# Definitions


@pytest.mark.parametrize("wf_id,title", WORKFLOWS.items())
def test_workflow_exists(workflow_tool, wf_id, title):
    wf = workflow_tool.getWorkflowById(wf_id)
    assert wf is not None
    assert wf.title == title
    assert wf.initial_state == "draft"
    assert wf.state_var == "review_state"


@pytest.mark.parametrize(
    "wf_id, bound_types",
    [
        ("wikimooc_public_session_workflow", {"CourseSession"}),
        ("wikimooc_private_session_workflow", set()),
    ],
)
def test_only_sessions_use_the_session_workflows(workflow_tool, wf_id, bound_types):
    """CourseSession's type default is the public one; its kind picks the real chain."""
    bound = {
        portal_type
        for portal_type, chain in workflow_tool.listChainOverrides()
        if wf_id in chain
    }
    assert bound == bound_types
    assert wf_id not in workflow_tool.getDefaultChain()


@pytest.mark.parametrize("wf_id", WORKFLOWS)
def test_workflow_has_exactly_the_session_states(workflow_tool, wf_id):
    wf = workflow_tool.getWorkflowById(wf_id)
    assert set(wf.states.objectIds()) == set(STATES)


@pytest.mark.parametrize("wf_id", WORKFLOWS)
@pytest.mark.parametrize("state_id,title", STATES.items())
def test_state_title(workflow_tool, wf_id, state_id, title):
    wf = workflow_tool.getWorkflowById(wf_id)
    assert wf.states[state_id].title == title


@pytest.mark.parametrize("wf_id", WORKFLOWS)
def test_workflow_has_exactly_the_session_transitions(workflow_tool, wf_id):
    wf = workflow_tool.getWorkflowById(wf_id)
    assert set(wf.transitions.objectIds()) == set(TRANSITIONS)


@pytest.mark.parametrize("wf_id", WORKFLOWS)
@pytest.mark.parametrize("transition_id,spec", TRANSITIONS.items())
def test_transition(workflow_tool, wf_id, transition_id, spec):
    title, source, destination = spec
    wf = workflow_tool.getWorkflowById(wf_id)
    transition = wf.transitions[transition_id]
    assert transition.title == title
    assert transition.new_state_id == destination
    assert transition.getGuard().permissions == GUARD_PERMISSIONS
    assert not transition.getGuard().roles
    leaving = {
        state_id
        for state_id in STATES
        if transition_id in wf.states[state_id].transitions
    }
    assert leaving == {source}


@pytest.mark.parametrize("wf_id", WORKFLOWS)
@pytest.mark.parametrize(
    "variable", ["review_history", "comments", "actor", "action", "time"]
)
def test_standard_variables(workflow_tool, wf_id, variable):
    wf = workflow_tool.getWorkflowById(wf_id)
    assert variable in wf.variables.objectIds()


@pytest.mark.parametrize("wf_id", WORKFLOWS)
def test_managed_permissions(workflow_tool, wf_id):
    wf = workflow_tool.getWorkflowById(wf_id)
    assert set(wf.permissions) == set(PERMISSIONS)


@pytest.mark.parametrize("wf_id,state_id,permission,roles", PERMISSION_CASES)
def test_state_permission_roles(workflow_tool, wf_id, state_id, permission, roles):
    wf = workflow_tool.getWorkflowById(wf_id)
    granted = wf.states[state_id].permission_roles[permission]
    # A tuple means "not acquired" in DCWorkflow.
    assert isinstance(granted, tuple), "the permission must not be acquired"
    assert set(granted) == roles


@pytest.mark.parametrize("state_id", STATES)
@pytest.mark.parametrize("permission", [VIEW, ACI])
def test_private_never_shows_to_anonymous_or_members(
    workflow_tool, state_id, permission
):
    wf = workflow_tool.getWorkflowById(PRIVATE)
    granted = set(wf.states[state_id].permission_roles[permission])
    assert not granted & {"Anonymous", "Authenticated", "Member"}


# Roles and site-level permission defaults


@pytest.mark.parametrize("role", WIKIMOOC_ROLES)
def test_role_exists(portal, role):
    assert role in portal.validRoles()


@pytest.mark.parametrize(
    "permission, roles",
    [
        (ENROLL, ADMINS),
        (VIEW_ENROLLMENTS, ADMINS),
        (MANAGE_ENROLLMENTS, ADMINS),
        (POST_IN_FORUM, ADMINS),
        # No session workflow's: Teacher is only ever a local role on sessions.
        ("wikimooc: Moderate forum", TEACHING),
        ("wikimooc: Manage certificates", TEACHING),
    ],
)
def test_site_default_of_session_permission(portal, permission, roles):
    settings = {
        setting["name"]: setting for setting in portal.rolesOfPermission(permission)
    }
    granted = {name for name, setting in settings.items() if setting["selected"]}
    assert granted == roles
    assert not portal.acquiredRolesAreUsedBy(permission)


# Behaviour on content


@pytest.fixture
def session(portal, workflow_tool):
    """A Document under a test-only chain: the private session workflow."""
    workflow_tool.setChainForPortalTypes(["Document"], PRIVATE)
    with api.env.adopt_roles(["Manager"]):
        document = api.content.create(
            container=portal["en"], type="Document", id="session", title="Session"
        )
    api.user.create(email="learner@example.org", username="learner")
    api.user.grant_roles(username="learner", obj=document, roles=["Learner"])
    return document


def anonymous_can(permission, obj):
    logout()
    try:
        return bool(getSecurityManager().checkPermission(permission, obj))
    finally:
        login(api.portal.get(), TEST_USER_NAME)


def walk(document, transitions):
    with api.env.adopt_roles(["Manager"]):
        for transition in transitions:
            api.content.transition(obj=document, transition=transition)
    return api.content.get_state(document)


@pytest.mark.parametrize(
    "transitions,state",
    [
        ([], "draft"),
        (["open"], "open"),
        (["open", "close"], "closed"),
        (["open", "close", "reopen"], "open"),
        (["open", "retract"], "draft"),
    ],
)
def test_anonymous_never_sees_a_private_session(session, transitions, state):
    assert walk(session, transitions) == state
    assert not anonymous_can(VIEW, session)
    assert not anonymous_can(ACI, session)


@pytest.mark.parametrize(
    "transitions,state,can_view",
    [
        ([], "draft", False),
        (["open"], "open", True),
        (["open", "close"], "closed", True),
        (["open", "retract"], "draft", False),
    ],
)
def test_learner_sees_a_private_session_once_open(session, transitions, state, can_view):
    assert walk(session, transitions) == state
    assert api.user.has_permission(VIEW, username="learner", obj=session) is can_view


def test_member_without_local_role_does_not_see_open_private_session(session):
    walk(session, ["open"])
    api.user.create(email="member@example.org", username="member")
    assert not api.user.has_permission(VIEW, username="member", obj=session)
    assert api.user.has_permission(ENROLL, username="member", obj=session)


def test_teacher_can_open_a_session(session):
    api.user.create(email="teacher@example.org", username="teacher")
    api.user.grant_roles(username="teacher", obj=session, roles=["Teacher"])
    with api.env.adopt_user(username="teacher"):
        api.content.transition(obj=session, transition="open")
    assert api.content.get_state(session) == "open"


def test_learner_cannot_open_a_session(session):
    with api.env.adopt_user(username="learner"):
        available = {
            transition["id"]
            for transition in api.portal.get_tool("portal_workflow").getTransitionsFor(
                session
            )
        }
    assert "open" not in available
