"""What learners and the teaching team do in a peer review. Each action is refused
with a translatable reason, before anything changes, when it may not be done."""

from Acquisition import aq_base
from plone import api
from plone.dexterity.utils import createContentInContainer
from Products.CMFCore.WorkflowCore import WorkflowException
from wikimooc.workflows import _
from wikimooc.workflows.content.submission import is_web_address
from wikimooc.workflows.content.submission import ISubmission
from wikimooc.workflows.interfaces import SubmissionGraded
from wikimooc.workflows.peerreview.allocation import Change
from wikimooc.workflows.peerreview.grading import HANDED_IN_STATES
from wikimooc.workflows.peerreview.grading import out_of
from wikimooc.workflows.peerreview.grading import reviews_in
from wikimooc.workflows.peerreview.grading import rubric_maximum
from wikimooc.workflows.peerreview.grading import TeacherGrade
from wikimooc.workflows.peerreview.history import now
from wikimooc.workflows.peerreview.history import record
from wikimooc.workflows.peerreview.progress import run_round
from wikimooc.workflows.peerreview.relations import by_uid
from wikimooc.workflows.peerreview.relations import exercise_of
from wikimooc.workflows.peerreview.relations import rubric_of
from wikimooc.workflows.peerreview.relations import session_of
from wikimooc.workflows.peerreview.storage import round_for
from wikimooc.workflows.permissions import MANAGE_PEER_REVIEW
from wikimooc.workflows.permissions import REVIEW_WORK
from wikimooc.workflows.permissions import SUBMIT_WORK
from wikimooc.workflows.refusals import Refused
from zope.event import notify


class PeerReviewRefused(Refused):
    """A peer-review action may not be done."""

    error_type = "PeerReviewRefused"


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def optional_text(value, name):
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PeerReviewRefused(400, _("\"${name}\" must be a text.", mapping={"name": name}))
    return value.strip()


def current_user_id():
    return api.user.get_current().getId()


def create_submission(session, exercise_uid, text, links):
    """A draft submission of the current learner's work; handing it in is the
    workflow transition ``submit``."""
    if not api.user.has_permission(SUBMIT_WORK, obj=session):
        if api.content.get_state(session) != "open":
            raise PeerReviewRefused(403, _("This session is not open: it takes no submissions."))
        raise PeerReviewRefused(403, _("Only the learners of this session can hand in work."))
    exercise = peer_exercise(session, exercise_uid)
    text = optional_text(text, "text")
    if not text:
        raise PeerReviewRefused(400, _("Give \"text\": what you did, for your reviewers."))
    links = web_addresses(links)
    author = current_user_id()
    earlier = submission_of(session, exercise_uid, author)
    if earlier is not None:
        raise PeerReviewRefused(
            400,
            _("You already have a submission for this exercise: ${url}",
              mapping={"url": earlier.absolute_url()}),
        )
    return createContentInContainer(
        session,
        "Submission",
        checkConstraints=False,
        title=f"{exercise.Title()} — {author}",
        text=text,
        links=links,
        exercise=exercise_uid,
        author=author,
    )


def peer_exercise(session, exercise_uid):
    exercise = by_uid(exercise_uid) if isinstance(exercise_uid, str) else None
    course_path = "/".join(session.getPhysicalPath()[:-1]) + "/"
    if (
        exercise is None
        or getattr(exercise, "check", None) != "peer"
        or not "/".join(exercise.getPhysicalPath()).startswith(course_path)
    ):
        raise PeerReviewRefused(
            400,
            _("This session's course has no peer-reviewed exercise ${exercise}.",
              mapping={"exercise": str(exercise_uid)}),
        )
    return exercise


def web_addresses(links):
    links = [] if links is None else links
    if isinstance(links, list) and all(
        isinstance(link, str) and is_web_address(link) for link in links
    ):
        return links
    raise PeerReviewRefused(
        400, _("\"links\" must be a list of web addresses starting with https:// or http://.")
    )


def submission_of(session, exercise_uid, author):
    """The author's submission of the exercise in the session, unless cancelled."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Submission",
        path="/".join(session.getPhysicalPath()),
        Creator=author,
    ):
        submission = brain._unrestrictedGetObject()
        if (
            submission.exercise == exercise_uid
            and submission.author == author
            and api.content.get_state(submission) != "cancelled"
        ):
            return submission
    return None


def post_review(submission, choices, comment, points=None):
    """The current user's review: an allocated learner's, or one the teaching team
    adds on its own."""
    reviewer = current_user_id()
    refuse_unless_may_review(submission, reviewer)
    choices, total = scored(rubric_of(exercise_of(submission)), choices, points)
    comment = optional_text(comment, "comment")
    round = round_for(session_of(submission), submission.exercise)
    uid = submission.UID()
    number = len(reviews_in(submission)) + 1
    review = createContentInContainer(
        submission,
        "Review",
        checkConstraints=False,
        id=f"review-{number}",
        title=f"Review {number}",
        choices=choices,
        points=total,
        comment=comment,
        reviewer=reviewer,
        by_teacher=reviewer not in round.pending.get(uid, ()),
    )
    round.count(uid, reviewer)
    record(submission, "review", reviewer=reviewer, points=total)
    run_round(session_of(submission), submission.exercise, also=(submission,))
    return review


def refuse_unless_may_review(submission, reviewer):
    if not api.user.has_permission(REVIEW_WORK, obj=submission):
        if api.content.get_state(session_of(submission)) != "open":
            raise PeerReviewRefused(
                403, _("This session is not open: nothing in it can be reviewed.")
            )
        if api.content.get_state(submission) not in HANDED_IN_STATES:
            raise PeerReviewRefused(400, _("This submission is not open to reviews."))
        raise PeerReviewRefused(403, _("You may not review work in this session."))
    if reviewer == submission.author:
        raise PeerReviewRefused(403, _("You cannot review your own work."))
    round = round_for(session_of(submission), submission.exercise)
    uid = submission.UID()
    if reviewer in (*round.counted.get(uid, ()), *round.cancelled.get(uid, ())):
        raise PeerReviewRefused(400, _("You have already reviewed this submission."))
    if reviewer not in round.pending.get(uid, ()) and not api.user.has_permission(
        MANAGE_PEER_REVIEW, obj=submission
    ):
        raise PeerReviewRefused(403, _("You are not allocated to review this submission."))


def scored(criteria, choices, points):
    """The chosen level of each criterion, as the review keeps it, and their total."""
    if not isinstance(choices, list) or len(choices) != len(criteria):
        raise PeerReviewRefused(
            400,
            _("Give \"choices\": one per criterion of the rubric, ${count} in all.",
              mapping={"count": len(criteria)}),
        )
    kept = []
    for criterion, choice in zip(criteria, choices, strict=True):
        levels = criterion["levels"]
        level = choice.get("level") if isinstance(choice, dict) else None
        if not (
            isinstance(level, int) and not isinstance(level, bool) and 0 <= level < len(levels)
        ):
            raise PeerReviewRefused(
                400,
                _("The criterion “${criterion}” has no level ${level}: choose 0 to ${last}.",
                  mapping={"criterion": criterion["title"], "level": str(level),
                           "last": len(levels) - 1}),
            )
        kept.append({
            "criterion": criterion["title"],
            "level": levels[level]["title"],
            "points": levels[level]["points"],
            "comment": optional_text(choice.get("comment"), "comment"),
        })
    total = sum(choice["points"] for choice in kept)
    if points is not None:
        refuse_out_of_range(points, rubric_maximum(criteria))
        if points != total:
            raise PeerReviewRefused(
                400,
                _("The points given, ${points}, are not what the chosen levels add up to:"
                  " ${total}.", mapping={"points": points, "total": total}),
            )
    return kept, total


def refuse_out_of_range(points, maximum):
    if not is_number(points) or not 0 <= points <= maximum:
        raise PeerReviewRefused(
            400,
            _("Points must be a number from 0 to ${maximum}.", mapping={"maximum": maximum}),
        )


def required_reason(reason, message):
    reason = optional_text(reason, "reason")
    if not reason:
        raise PeerReviewRefused(400, message)
    return reason


def cancel_review(review, reason):
    """The review stops counting; the workflow subscriber allocates a replacement
    reviewer if the submission now lacks reviews."""
    if api.content.get_state(review) != "counted":
        raise PeerReviewRefused(400, _("This review is already cancelled."))
    transition(review, "cancel", required_reason(reason, _("Cancelling a review needs a reason.")))


def transition(obj, transition_id, comment):
    try:
        api.portal.get_tool("portal_workflow").doActionFor(obj, transition_id, comment=comment)
    except WorkflowException as error:
        # The message, as raised: a message id still to translate, or translated text.
        raise PeerReviewRefused(400, error.args[0]) from error


def override_grade(submission, points, reason):
    if api.content.get_state(submission) not in HANDED_IN_STATES:
        raise PeerReviewRefused(400, _("Only work that was handed in can be graded."))
    refuse_out_of_range(points, out_of(submission))
    reason = required_reason(reason, _("Overriding a grade needs a reason."))
    # Work that was not graded yet is announced by its transition to "graded".
    was_graded = api.content.get_state(submission) == "graded"
    submission.teacher_grade = TeacherGrade(points, reason, current_user_id(), now())
    record(submission, "override_grade", comments=reason, points=points)
    run_round(session_of(submission), submission.exercise, also=(submission,))
    if was_graded:
        notify(SubmissionGraded(submission))


def allocate_by_hand(session, submission_uid, reviewer):
    """A teacher's allocation, also of an extra reviewer beyond what the work needs:
    return the allocation changes made (with any it led to)."""
    submission = by_uid(submission_uid) if isinstance(submission_uid, str) else None
    if not (
        ISubmission.providedBy(submission)
        and aq_base(session_of(submission)) is aq_base(session)
    ):
        raise PeerReviewRefused(
            400,
            _("This session has no submission ${submission}.",
              mapping={"submission": str(submission_uid)}),
        )
    if api.content.get_state(submission) not in HANDED_IN_STATES:
        raise PeerReviewRefused(400, _("This submission is not open to reviews."))
    member = api.user.get(userid=reviewer) if isinstance(reviewer, str) else None
    if member is None or "Learner" not in api.user.get_roles(user=member, obj=session):
        raise PeerReviewRefused(
            400,
            _("${reviewer} is not a learner of this session.", mapping={"reviewer": str(reviewer)}),
        )
    if reviewer == submission.author:
        raise PeerReviewRefused(400, _("Nobody reviews their own work."))
    round = round_for(session, submission.exercise)
    if reviewer in round.involved(submission.UID()):
        raise PeerReviewRefused(
            400,
            _("${reviewer} already reviews this submission, or has.",
              mapping={"reviewer": reviewer}),
        )
    round.allocate(submission.UID(), reviewer, by_hand=True)
    record(submission, "allocate", reviewer=reviewer)
    allocated = Change(submission.UID(), reviewer, True)
    return [allocated, *run_round(session, submission.exercise, also=(submission,))]
