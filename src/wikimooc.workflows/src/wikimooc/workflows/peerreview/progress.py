"""Moves a round forward after anything changed in it: allocates what it lacks,
records the allocations, and brings the states of the submissions concerned (and of
those that waited past the flexible-grading days) in line with their grades."""

from datetime import datetime
from plone import api
from wikimooc.workflows.peerreview.allocation import allocate
from wikimooc.workflows.peerreview.grading import advance
from wikimooc.workflows.peerreview.grading import overdue
from wikimooc.workflows.peerreview.history import record
from wikimooc.workflows.peerreview.relations import by_uid
from wikimooc.workflows.peerreview.relations import peer_review_settings
from wikimooc.workflows.peerreview.storage import exercise_uids
from wikimooc.workflows.peerreview.storage import round_for


def run_round(session, exercise_uid, also=()):
    """Return the allocation changes made."""
    round = round_for(session, exercise_uid)
    settings = peer_review_settings(by_uid(exercise_uid))
    changes = allocate(
        round,
        settings.reviews_required,
        settings.reviews_to_give,
    )
    concerned = {submission.UID(): submission for submission in also}
    for change in changes:
        submission = by_uid(change.submission)
        record(
            submission,
            "allocate" if change.allocated else "withdraw",
            reviewer=change.reviewer,
            automatic=True,
        )
        concerned[change.submission] = submission
    for submission in concerned.values():
        # Allocated reviewers see the submission (roles.AllocatedReviewers).
        submission.reindexObjectSecurity()
    for uid in waited_too_long(session, round):
        concerned.setdefault(uid, by_uid(uid))
    for submission in concerned.values():
        advance(submission)
    return changes


def run_session(session):
    """Every round of the session: return the allocation changes made."""
    return [change for uid in exercise_uids(session) for change in run_round(session, uid)]


def waited_too_long(session, round):
    """Submissions not graded yet that may now be graded with fewer reviews. The
    catalog tells which are graded without loading every old submission."""
    uids = [
        uid
        for uid, entry in round.handed_in.items()
        if overdue(datetime.fromisoformat(entry.time), session)
    ]
    if not uids:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(UID=uids, review_state=("submitted", "in_review"))
    return [brain.UID for brain in found]
