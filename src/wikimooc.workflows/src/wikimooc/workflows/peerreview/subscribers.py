"""The round follows the submissions' and reviews' workflows."""

from Acquisition import aq_base
from Acquisition import aq_parent
from wikimooc.workflows.content.submission import ISubmission
from wikimooc.workflows.interfaces import SubmissionGraded
from wikimooc.workflows.peerreview.history import now
from wikimooc.workflows.peerreview.history import record
from wikimooc.workflows.peerreview.progress import run_round
from wikimooc.workflows.peerreview.relations import session_of
from wikimooc.workflows.peerreview.storage import find_round
from wikimooc.workflows.peerreview.storage import forget_rounds
from wikimooc.workflows.peerreview.storage import round_for
from zope.event import notify


def submission_transitioned(submission, event):
    transition = event.transition.getId() if event.transition is not None else None
    if transition not in ("submit", "return_for_revision", "cancel"):
        return
    session = session_of(submission)
    round = round_for(session, submission.exercise)
    if transition == "submit":
        round.hand_in(submission.UID(), submission.author, now())
    else:
        for reviewer in round.take_out(submission.UID()):
            record(submission, "withdraw", reviewer=reviewer, automatic=True)
    run_round(session, submission.exercise, also=(submission,))


def announce_grade(submission, event):
    if event.new_state is not None and event.new_state.getId() == "graded":
        notify(SubmissionGraded(submission))


def review_transitioned(review, event):
    if event.transition is None or event.transition.getId() != "cancel":
        return
    submission = aq_parent(review)
    session = session_of(submission)
    round_for(session, submission.exercise).cancel(submission.UID(), review.reviewer)
    record(
        submission,
        "cancel_review",
        comments=event.kwargs.get("comment", ""),
        reviewer=review.reviewer,
    )
    # Allocates a replacement if the submission now lacks reviews.
    run_round(session, submission.exercise, also=(submission,))


def submission_removed(submission, event):
    # Also dispatched to the submissions of a session being removed, with the
    # session's own event: their round goes with the session.
    if aq_base(event.object) is not aq_base(submission):
        return
    round = find_round(event.oldParent, submission.exercise)
    if round is not None:
        round.forget(submission.UID())


def session_copied(session, event):
    """A copied session is a new run: it starts without the original's work."""
    forget_rounds(session)
    for item in list(session.objectValues()):
        if ISubmission.providedBy(item):
            session._delObject(item.getId(), suppress_events=True)
