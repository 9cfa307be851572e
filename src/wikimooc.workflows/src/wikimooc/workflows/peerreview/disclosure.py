"""What each reader of a peer review may see, for the REST services and the pages.

The teaching team (``wikimooc: View peer reviews``) sees every review with its
reviewer, the allocations and the history. An author sees the counted reviews of
their work, without the reviewers' names unless the session shows them. A reviewer
sees their own review.
"""

from datetime import datetime
from datetime import UTC
from plone import api
from plone.restapi.serializer.converters import json_compatible
from wikimooc.workflows.interfaces import IWikiIdentity
from wikimooc.workflows.peerreview.grading import grade
from wikimooc.workflows.peerreview.grading import handed_in_at
from wikimooc.workflows.peerreview.grading import out_of
from wikimooc.workflows.peerreview.grading import reviews_in
from wikimooc.workflows.peerreview.relations import by_uid
from wikimooc.workflows.peerreview.relations import exercise_of
from wikimooc.workflows.peerreview.relations import peer_review_settings
from wikimooc.workflows.peerreview.relations import round_of
from wikimooc.workflows.peerreview.relations import rubric_of
from wikimooc.workflows.peerreview.relations import session_of
from wikimooc.workflows.peerreview.storage import exercise_uids
from wikimooc.workflows.peerreview.storage import find_round
from wikimooc.workflows.permissions import VIEW_PEER_REVIEWS
from zope.component import queryUtility


SUBMISSION_WORKFLOW = "wikimooc_submission_workflow"
REVIEW_WORKFLOW = "wikimooc_review_workflow"


def iso(moment):
    """As plone.restapi writes times: UTC, to the second."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def person(user_id, wiki=None):
    """A member as readers see them: their name, and on the session's ``wiki`` their
    wiki username with links to their contributions, user and talk pages."""
    if user_id is None:
        return None
    member = api.user.get(userid=user_id)
    fullname = member.getProperty("fullname", "") if member is not None else ""
    found = {"id": user_id, "fullname": fullname or user_id}
    identity = queryUtility(IWikiIdentity)
    on_wiki = identity(user_id, wiki) if identity is not None and wiki else None
    return {**found, **(on_wiki or {"wiki_username": None, "wiki_links": None})}


def sees_everything(obj):
    return api.user.has_permission(VIEW_PEER_REVIEWS, obj=obj)


def grade_info(submission):
    found = grade(submission)
    if found is None:
        return None
    return {
        "points": found.points,
        "out_of": out_of(submission),
        "by_teacher": found.by_teacher,
        "reviews": found.reviews,
    }


def submission_info(submission):
    """The submission; its grade only for its author and the team: a reviewer
    would be swayed by the others' reviews."""
    exercise = exercise_of(submission)
    handed_in = handed_in_at(submission)
    sees_grade = sees_everything(submission) or (
        api.user.get_current().getId() == submission.author
    )
    return {
        "@id": submission.absolute_url(),
        "UID": submission.UID(),
        "title": submission.Title(),
        "exercise": exercise and {
            "@id": exercise.absolute_url(),
            "UID": exercise.UID(),
            "title": exercise.Title(),
        },
        "author": person(submission.author, session_of(submission).wiki),
        "review_state": api.content.get_state(submission),
        "handed_in": handed_in and iso(handed_in),
        "text": submission.text,
        "links": list(submission.links or []),
        "grade": grade_info(submission) if sees_grade else None,
    }


def visible_reviews(submission):
    viewer = api.user.get_current().getId()
    team = sees_everything(submission)
    is_author = viewer == submission.author
    wiki = session_of(submission).wiki
    named = team or (is_author and session_of(submission).show_reviewer_names)
    visible = [
        review
        for review in reviews_in(submission)
        if team
        or review.reviewer == viewer
        or (is_author and api.content.get_state(review) == "counted")
    ]
    return [
        review_info(review, number, team, named or review.reviewer == viewer, wiki)
        for number, review in enumerate(visible, 1)
    ]


def review_info(review, number, team, named, wiki):
    state = api.content.get_state(review)
    info = {
        "number": number,
        "reviewer": person(review.reviewer, wiki) if named else None,
        "by_teacher": review.by_teacher,
        "choices": review.choices,
        "points": review.points,
        "comment": review.comment,
        "created": json_compatible(review.created()),
        "review_state": state,
    }
    if team:
        info["@id"] = review.absolute_url()
    if state == "cancelled":
        cancelled = review.workflow_history[REVIEW_WORKFLOW][-1]
        info["cancelled"] = {
            "time": json_compatible(cancelled["time"]),
            "reason": cancelled["comments"],
        }
    return info


def allocations(submission):
    round = round_of(submission)
    uid = submission.UID()
    if round is None:
        return []
    by_hand = round.by_hand.get(uid, ())
    wiki = session_of(submission).wiki
    return [
        {"reviewer": person(reviewer, wiki), "status": status, "by_hand": reviewer in by_hand}
        for status, tree in (
            ("pending", round.pending), ("counted", round.counted), ("cancelled", round.cancelled)
        )
        for reviewer in tree.get(uid, ())
    ]


def history(submission):
    """Its transitions and its peer-review events, oldest first."""
    wiki = session_of(submission).wiki
    transitions = [
        (
            item["time"].asdatetime(),
            {
                "action": item["action"],
                "actor": person(item["actor"], wiki),
                "comments": item["comments"],
                "review_state": item["review_state"],
            },
        )
        for item in submission.workflow_history.get(SUBMISSION_WORKFLOW, ())
        if item.get("action")
    ]
    events = [
        (
            datetime.fromisoformat(entry.time),
            {
                **entry._asdict(),
                "actor": person(entry.actor, wiki),
                "reviewer": person(entry.reviewer, wiki),
            },
        )
        for entry in submission.history
    ]
    return [
        {**item, "time": iso(time)}
        for time, item in sorted(transitions + events, key=lambda pair: pair[0])
    ]


def peer_review(submission):
    """The submission with its rubric and the reviews the current user may read."""
    exercise = exercise_of(submission)
    round = round_of(submission)
    viewer = api.user.get_current().getId()
    items = visible_reviews(submission)
    info = {
        "submission": submission_info(submission),
        "rubric": {"criteria": rubric_of(exercise)},
        "reviews_required": peer_review_settings(exercise).reviews_required,
        "can_review": bool(round and viewer in round.pending.get(submission.UID(), ())),
        "items": items,
        "items_total": len(items),
    }
    if sees_everything(submission):
        info["allocations"] = allocations(submission)
        info["history"] = history(submission)
    return info


def to_review(session):
    """The submissions of the session the current user is still to review."""
    viewer = api.user.get_current().getId()
    return [
        by_uid(uid)
        for exercise_uid in exercise_uids(session)
        for uid in find_round(session, exercise_uid).to_review(viewer)
    ]
