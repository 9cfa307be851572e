"""Keep a session's learners group, teachers' local roles and workflow in step with it."""

from DateTime import DateTime
from plone import api
from wikimooc.policy.content.session import PRIVATE_WORKFLOW
from wikimooc.policy.content.session import PUBLIC_WORKFLOW
from wikimooc.policy.content.session import session_workflow_chain
from wikimooc.policy.enrollment import Enrollments
from wikimooc.policy.enrollment import learners_group_id
from wikimooc.policy.enrollment import LEARNERS_GROUP_PREFIX
from wikimooc.policy.pas import learners_groups


def set_up_session(session, event):
    group_id = learners_group_id(session)
    copied_groups = [
        principal
        for principal, _roles in session.get_local_roles()
        if principal.startswith(LEARNERS_GROUP_PREFIX) and principal != group_id
    ]
    if copied_groups:
        session.manage_delLocalRoles(copied_groups)
    session.manage_setLocalRoles(group_id, ["Learner"])
    # Zope's system user, which creates the demo content, has no id.
    creator_id = api.user.get_current().getId()
    if not session.teachers and creator_id and api.user.get(userid=creator_id):
        session.teachers = [creator_id]
    sync_teachers(session, event)


def reset_copied_session(session, event):
    """A copy is a new run: it starts without the original's learners and teachers
    (whoever copies it becomes its teacher)."""
    session.enrollments = Enrollments()
    session.teachers = []


def remove_learners_group(session, event):
    groups = learners_groups()
    group_id = learners_group_id(session)
    for learner in session.enrollments.learners.values():
        if learner.user_id:
            groups.leave(learner.user_id, group_id)


def sync_teachers(session, event):
    teachers = set(session.teachers or ())
    current = {
        principal
        for principal, roles in session.get_local_roles()
        if "Teacher" in roles
    }
    for principal in current - teachers:
        roles = [
            role for role in session.get_local_roles_for_userid(principal) if role != "Teacher"
        ]
        if roles:
            session.manage_setLocalRoles(principal, roles)
        else:
            session.manage_delLocalRoles([principal])
    for principal in teachers - current:
        roles = set(session.get_local_roles_for_userid(principal)) | {"Teacher"}
        session.manage_setLocalRoles(principal, sorted(roles))
    if teachers != current:
        session.reindexObjectSecurity()


def sync_workflow(session, event):
    """A session whose kind changed moves to the other workflow, keeping its state
    (both workflows have the same states) and its history."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    (wanted,) = session_workflow_chain(session, workflow_tool)
    history = session.workflow_history
    (other,) = {PUBLIC_WORKFLOW, PRIVATE_WORKFLOW} - {wanted}
    if wanted in history or other not in history:
        return
    switch = {
        **history[other][-1],
        "action": "change_kind",
        "actor": api.user.get_current().getId(),
        "time": DateTime(),
        "comments": f"Kind changed to {session.kind}",
    }
    history[wanted] = (*history[other], switch)
    del history[other]
    workflow_tool[wanted].updateRoleMappingsFor(session)
    session.reindexObjectSecurity()
