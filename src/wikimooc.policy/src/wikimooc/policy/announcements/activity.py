"""When each learner of a session last did something there, from what the session
already keeps: their edits on the wiki and the exercises found done (edit
tracking), their quiz attempts, the work they handed in for peer review."""

from datetime import datetime
from wikimooc.policy.quiz.attempts import attempts_of
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.workflows.peerreview.storage import exercise_uids
from wikimooc.workflows.peerreview.storage import find_round


def moment(iso):
    """An ISO 8601 time (``Z`` or an offset) as an aware datetime."""
    return datetime.fromisoformat(iso)


def last_activities(session):
    """wiki username → the datetime of their latest activity in ``session``; learners
    who did nothing yet are not in it. One pass over each store."""
    latest = {}

    def saw(username, iso):
        when = moment(iso)
        if username not in latest or latest[username] < when:
            latest[username] = when

    tracking = tracking_of(session, create=False)
    if tracking is not None:
        for contribution in tracking.contributions.values():
            saw(contribution.username, contribution.timestamp)
        for (username, _exercise), progress in tracking.progress.items():
            if progress.done and progress.by is None:
                saw(username, progress.when)
    attempts = attempts_of(session, create=False)
    if attempts is not None:
        for (_quiz, username), made in attempts.attempts.items():
            for attempt in made:
                saw(username, attempt.submitted)
    usernames = {
        enrollment.user_id: enrollment.username
        for enrollment in session.enrollments.learners.values()
        if enrollment.user_id
    }
    for exercise_uid in exercise_uids(session):
        for handed_in in find_round(session, exercise_uid).handed_in.values():
            if handed_in.author in usernames:
                saw(usernames[handed_in.author], handed_in.time)
    return latest
