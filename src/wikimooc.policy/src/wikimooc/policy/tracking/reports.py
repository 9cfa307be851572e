"""What the teacher dashboard and a learner's progress show, computed from what the
checks stored (one pass over the session's contributions on each of its wikis),
in all and wiki by wiki."""

from collections import Counter
from collections import defaultdict
from datetime import datetime
from wikimooc.policy.content.course import exercises_of
from wikimooc.policy.coursedates.agenda import agenda
from wikimooc.policy.coursedates.agenda import HandIns
from wikimooc.policy.coursedates.rules import clock
from wikimooc.policy.coursedates.rules import has_schedule
from wikimooc.policy.coursedates.rules import is_late
from wikimooc.policy.coursedates.rules import learner_dates
from wikimooc.policy.coursedates.rules import plan
from wikimooc.policy.tracking.checker import learners_to_follow
from wikimooc.policy.tracking.followed import exercise_wiki
from wikimooc.policy.tracking.followed import session_wikis
from wikimooc.policy.tracking.live import live_status
from wikimooc.policy.tracking.storage import contributions_on
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import wiki_checks
from wikimooc.policy.tracking.storage import wiki_statuses
from wikimooc.policy.video.watching import counted_lessons
from wikimooc.policy.video.watching import watched
from wikimooc.policy.video.watching import watched_done
from wikimooc.policy.wikis import page_url
from wikimooc.policy.wikis import user_links


RECENT_EDITS = 30


def course_exercises(session):
    """Every exercise of the session's course, in the course's order."""
    return exercises_of(session.__parent__)


def contributions_by_learner(contributions):
    found = defaultdict(list)
    for contribution in contributions:
        found[contribution.username].append(contribution)
    return found


def wiki_exercise_uids(session):
    """host → the UIDs of the session's exercises checked there, for each of its
    wikis (home first)."""
    found = {host: [] for host in session_wikis(session)}
    for exercise in course_exercises(session):
        if exercise.check == "wiki":
            found[exercise_wiki(session, exercise)].append(exercise.UID())
    return found


def next_check(hosts):
    """The soonest check due of the ``hosts``' checks, None before any."""
    due = [checks.next_due for host in hosts
           if (checks := wiki_checks(host, create=False)) is not None and checks.next_due]
    return min(due, default=None)


def unknown_usernames(host):
    checks = wiki_checks(host, create=False)
    return set(checks.unknown_usernames) if checks is not None else set()


def learner_figures(contributions):
    bytes_added = Counter()
    for contribution in contributions:
        if contribution.sizediff > 0:
            bytes_added[contribution.namespace] += contribution.sizediff
    return {
        "edits": len(contributions),
        "pages_created": sum(1 for c in contributions if c.new),
        "pages_edited": len({c.title for c in contributions}),
        "bytes_added": sum(bytes_added.values()),
        "bytes_added_by_namespace": {str(ns): total for ns, total in sorted(bytes_added.items())},
        "last_edit": max((c.timestamp for c in contributions), default=None),
    }


def done_count(tracking, username, exercise_uids):
    if tracking is None:
        return 0
    return sum(
        1 for uid in exercise_uids
        if (progress := tracking.progress.get((username, uid))) is not None and progress.done
    )


def wiki_status(host):
    status = wiki_statuses().get(host)
    if status is None:
        return {"reachable": None, "since": None, "error": None, "retry_after": None}
    return {
        "reachable": status.reachable,
        "since": status.since,
        "error": status.error,
        "retry_after": status.retry_after,
    }


def contribution_item(host, contribution):
    return {
        "revid": contribution.revid,
        "wiki": host,
        "wiki_username": contribution.username,
        "title": contribution.title,
        "timestamp": contribution.timestamp,
        "sizediff": contribution.sizediff,
        "new": contribution.new,
        "diff_url": page_url(host, f"Special:Diff/{contribution.revid}"),
    }


def work_flags(session, username, now, planned, hand_ins):
    """The learner's late work (done after its due date) and missing work (past due,
    not done), by title."""
    items = agenda(session, username, now, planned, hand_ins)
    return {
        "late_work": [item.title for item in items if item.status == "done_late"],
        "missing_work": [item.title for item in items if item.status == "late"],
    }


def dashboard(session):
    tracking = tracking_of(session, create=False)
    now, planned, hand_ins = clock(), plan(session), HandIns(session)
    exercise_uids = [exercise.UID() for exercise in course_exercises(session)]
    on_wiki = wiki_exercise_uids(session)
    contributions = {host: contributions_on(session, host) for host in on_wiki}
    by_wiki = {host: contributions_by_learner(found) for host, found in contributions.items()}
    unknown = {host: unknown_usernames(host) for host in on_wiki}
    lessons = counted_lessons(session.__parent__)
    learners = []
    for username in learners_to_follow(session):
        enrollment = session.enrollments.learners[username]
        wikis = [{
            "wiki": host,
            "wiki_links": user_links(host, username),
            "unknown_on_wiki": username in unknown[host],
            "exercises_done": done_count(tracking, username, uids),
            **learner_figures(by_wiki[host].get(username, [])),
        } for host, uids in on_wiki.items()]
        learners.append({
            "wiki_username": username,
            "user_id": enrollment.user_id,
            "wiki_links": user_links(session.wiki, username),
            "unknown_on_wiki": any(wiki["unknown_on_wiki"] for wiki in wikis),
            "exercises_done": done_count(tracking, username, exercise_uids),
            "lessons_watched": sum(1 for lesson in lessons
                                   if watched_done(session, lesson, username)),
            **work_flags(session, username, now, planned, hand_ins),
            **learner_figures([c for host in on_wiki for c in by_wiki[host].get(username, [])]),
            "wikis": wikis,
        })
    everything = [(host, c) for host, found in contributions.items() for c in found]
    recent = sorted(everything, key=lambda found: (found[1].timestamp, found[1].revid),
                    reverse=True)[:RECENT_EDITS]
    return {
        "wiki": session.wiki,
        "wiki_status": wiki_status(session.wiki),
        "updates": live_status(),
        "last_checked": tracking.last_checked if tracking else None,
        "next_due": next_check(on_wiki),
        "exercises_total": len(exercise_uids),
        "lessons_counted": len(lessons),
        "scheduled": has_schedule(session),
        "totals": {"learners": len(learners),
                   **learner_figures([c for _host, c in everything])},
        "wikis": [{
            "wiki": host,
            "home": host == session.wiki,
            "wiki_status": wiki_status(host),
            "last_checked": checks.last_checked if (
                checks := wiki_checks(host, create=False)) is not None else None,
            "exercises_total": len(uids),
            "exercises_done": sum(done_count(tracking, username, uids)
                                  for username in (learner["wiki_username"]
                                                   for learner in learners)),
            "unknown_usernames": sum(1 for learner in learners
                                     if learner["wiki_username"] in unknown[host]),
            **learner_figures(contributions[host]),
        } for host, uids in on_wiki.items()],
        "learners": learners,
        "recent_edits": [contribution_item(host, c) for host, c in recent],
    }


def exercise_progress(tracking, username, exercise, dates):
    """Whether the learner did ``exercise``, with its evidence and due date (late:
    done after it, by an edit the wiki check recorded); ``tracking`` is the
    session's (tracking_of), None before its first check; ``dates`` the learner's
    (learner_dates)."""
    uid = exercise.UID()
    found = tracking.progress.get((username, uid)) if tracking else None
    due = dates.get(uid)
    done = bool(found and found.done)
    return {
        "@id": exercise.absolute_url(),
        "uid": uid,
        "title": exercise.Title(),
        "check": exercise.check,
        "done": done,
        "due": due.due.isoformat() if due else None,
        "late": done and due is not None and is_late(
            due, datetime.fromisoformat(found.when.replace("Z", "+00:00"))),
        "when": found.when if found else None,
        "revid": found.revid if found else None,
        "diff_url": found.diff_url if found else None,
        "marked_by": found.by if found else None,
        "reason": found.reason if found else None,
    }


def lesson_watching(session, username, lesson):
    """Whether the learner watched enough of ``lesson`` (one counted once watched)."""
    found = watched(session, lesson, username)
    return {"@id": lesson.absolute_url(), "uid": lesson.UID(), "title": lesson.Title(),
            "threshold": lesson.watched_share, "share": found.share if found else 0.0,
            "done": bool(found and found.done), "when": found.updated if found else None}


def progress(session, username):
    """A learner's exercises, each done or not, with its evidence and the wiki where
    it is checked; their figures on each wiki; and the lessons counted once watched."""
    tracking = tracking_of(session, create=False)
    dates = learner_dates(session, username)
    exercises = course_exercises(session)
    items = [
        {**exercise_progress(tracking, username, exercise, dates),
         "wiki": exercise_wiki(session, exercise) if exercise.check == "wiki" else None}
        for exercise in exercises
    ]
    return {
        "wiki_username": username,
        "wiki_links": user_links(session.wiki, username),
        "last_checked": tracking.last_checked if tracking else None,
        "next_due": next_check(session_wikis(session)),
        "exercises_done": sum(1 for item in items if item["done"]),
        "exercises_total": len(items),
        "wikis": [{
            "wiki": host,
            "wiki_links": user_links(host, username),
            "exercises_done": sum(1 for item in items if item["wiki"] == host and item["done"]),
            "exercises_total": sum(1 for item in items if item["wiki"] == host),
            "edits": len([c for c in contributions_on(session, host) if c.username == username]),
        } for host in session_wikis(session)],
        "items": items,
        "lessons": [lesson_watching(session, username, lesson)
                    for lesson in counted_lessons(session.__parent__)],
    }
