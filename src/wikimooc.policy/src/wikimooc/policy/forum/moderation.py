"""The teaching team's moderation: hide a post (the forum post workflow keeps the
reason) or show it again, block a learner from posting in the session or unblock."""

from datetime import datetime
from datetime import UTC
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from wikimooc.policy import _
from wikimooc.policy.forum.posting import ForumRefused
from wikimooc.policy.forum.storage import Block
from wikimooc.policy.forum.storage import forum_of


POST_WORKFLOW = "wikimooc_forum_post_workflow"


def transition(post, transition_id, reason=""):
    try:
        api.portal.get_tool("portal_workflow").doActionFor(post, transition_id, comment=reason)
    except WorkflowException as error:
        # As raised: a message id still to translate, or translated text.
        raise ForumRefused(400, error.args[0]) from error


def hide(post, reason):
    if api.content.get_state(post) == "hidden":
        raise ForumRefused(400, _("This post is already hidden."))
    transition(post, "hide", reason.strip() if isinstance(reason, str) else "")


def show(post):
    if api.content.get_state(post) != "hidden":
        raise ForumRefused(400, _("This post is not hidden."))
    transition(post, "show")


def hiding_of(post):
    """Who hid the post, when and why, while it is hidden; else None."""
    if api.content.get_state(post) != "hidden":
        return None
    entry = [item for item in post.workflow_history[POST_WORKFLOW] if item["action"] == "hide"][-1]
    return {
        "reason": entry["comments"],
        "by": entry["actor"],
        "when": entry["time"].ISO8601(),
    }


def block(session, username, reason):
    """Block the learner with that (enrolled) wiki username from posting."""
    if not isinstance(reason, str) or not reason.strip():
        raise ForumRefused(400, _("Give the reason for blocking this learner."))
    forum = forum_of(session)
    if username in forum.blocked:
        raise ForumRefused(400, _("${name} is already blocked.", mapping={"name": username}))
    forum.blocked[username] = Block(
        by=api.user.get_current().getId(),
        reason=reason.strip(),
        when=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def unblock(session, username):
    forum = forum_of(session, create=False)
    if forum is None or username not in forum.blocked:
        raise ForumRefused(400, _("${name} is not blocked.", mapping={"name": username}))
    del forum.blocked[username]


def blocks(session):
    forum = forum_of(session, create=False)
    return [
        {"wiki_username": username, "by": entry.by, "reason": entry.reason, "when": entry.when}
        for username, entry in (forum.blocked.items() if forum else ())
    ]
