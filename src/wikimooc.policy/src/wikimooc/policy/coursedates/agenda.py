"""A learner's agenda in a session: each module (locked or open) and each exercise
and quiz with its due date and where the learner is with it (open, done, done late,
late: past due and not handed in). ``late_items`` and ``due_soon`` are what the
dashboard, the reminders and the grade book ask."""

from datetime import datetime
from datetime import timedelta
from typing import NamedTuple
from wikimooc.policy.coursedates.rules import day_start
from wikimooc.policy.coursedates.rules import due_end
from wikimooc.policy.coursedates.rules import is_late
from wikimooc.policy.coursedates.rules import is_open
from wikimooc.policy.coursedates.rules import learner_dates
from wikimooc.policy.coursedates.rules import plan
from wikimooc.policy.quiz.attempts import attempts_of
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.workflows.peerreview.storage import find_round


class AgendaItem(NamedTuple):
    uid: str
    kind: str  # module, exercise, quiz
    title: str
    url: str
    module: str  # the module's title
    opens: object  # date
    due: object  # date, None for modules
    late_policy: str | None
    extended: bool
    handed_in: datetime | None
    status: str  # locked, open; for work also done, done_late, late


class HandIns:
    """When learners did the work of a session: their first quiz attempt, the hand-in
    of their peer-reviewed work, the edit the wiki check found (or a teacher's
    decision). The session's storages, and each peer-reviewed exercise's round, are
    read once however many learners are asked about."""

    def __init__(self, session):
        self.session = session
        self.tracking = tracking_of(session, create=False)
        self.attempts = attempts_of(session, create=False)
        self.rounds = {}

    def __call__(self, username, item_plan):
        uid = item_plan.uid
        if item_plan.kind == "quiz":
            attempts = self.attempts.of(uid, username) if self.attempts is not None else ()
            return datetime.fromisoformat(attempts[0].submitted) if attempts else None
        if item_plan.kind == "peer":
            enrollment = self.session.enrollments.learners.get(username)
            if enrollment is None or enrollment.user_id is None:
                return None
            found = self.first_hand_ins(uid).get(enrollment.user_id)
            return datetime.fromisoformat(found) if found else None
        progress = self.tracking.progress.get((username, uid)) if self.tracking else None
        if progress is None or not progress.done:
            return None
        return datetime.fromisoformat(progress.when.replace("Z", "+00:00"))

    def first_hand_ins(self, exercise_uid):
        """{author: when they first handed in} for one peer-reviewed exercise."""
        if exercise_uid not in self.rounds:
            round = find_round(self.session, exercise_uid)
            first = {}
            for entry in round.handed_in.values() if round is not None else ():
                if entry.author not in first or entry.time < first[entry.author]:
                    first[entry.author] = entry.time
            self.rounds[exercise_uid] = first
        return self.rounds[exercise_uid]


def work_status(dates, handed_in, now):
    if not is_open(dates, now):
        return "locked"
    if handed_in is not None:
        return "done_late" if is_late(dates, handed_in) else "done"
    return "late" if is_late(dates, now) else "open"


def agenda(session, username, now, planned=None, hand_ins=None):
    """Every module and item of the course for ``username`` at ``now``, in the
    course's order (none in a session without a schedule). A caller going through
    many learners passes the session's ``plan`` and ``HandIns``, made once."""
    planned = planned or plan(session)
    dates = learner_dates(session, username, planned)
    if not dates:
        return []
    hand_ins = hand_ins or HandIns(session)
    _pacing, modules = planned
    found = []
    for module_plan in modules:
        module_title = module_plan.title
        module_dates = dates[module_plan.uid]
        found.append(AgendaItem(
            module_plan.uid, "module", module_title, module_plan.url, module_title,
            module_dates.opens, None, None, False, None,
            "open" if is_open(module_dates, now) else "locked",
        ))
        for item_plan in module_plan.items:
            uid = item_plan.uid
            item_dates = dates[uid]
            handed_in = hand_ins(username, item_plan)
            found.append(AgendaItem(
                uid, "quiz" if item_plan.kind == "quiz" else "exercise", item_plan.title,
                item_plan.url,
                module_title, item_dates.opens, item_dates.due, item_dates.late,
                item_dates.extension is not None, handed_in,
                work_status(item_dates, handed_in, now),
            ))
    return found


def is_due_by(item, moment):
    """Whether ``item`` is open work, not done, due before ``moment``."""
    return item.kind != "module" and item.status == "open" and due_end(item.due) <= moment


def late_items(session, username, now, planned=None):
    """The exercises and quizzes ``username`` has not done and whose due date
    (extensions counted) has passed at ``now``: missing work."""
    return [item for item in agenda(session, username, now, planned) if item.status == "late"]


def handed_in_late(session, username, now, planned=None):
    """The exercises and quizzes ``username`` did after their due date."""
    return [item for item in agenda(session, username, now, planned)
            if item.status == "done_late"]


def due_soon(session, username, now, within=timedelta(days=2)):
    """The open exercises and quizzes ``username`` has not done whose due date ends
    within ``within`` of ``now``, soonest first."""
    found = [item for item in agenda(session, username, now)
             if is_due_by(item, now + within)]
    return sorted(found, key=lambda item: item.due)


def this_week(session, username, now):
    """What "This week" shows: the modules opened in the last seven days (or, if
    none, the last one opened) and the next to open; the work due within the next
    seven days; the late work."""
    items = agenda(session, username, now)
    modules = [item for item in items if item.kind == "module"]
    opened = [item for item in modules if item.status == "open"]
    recent = [item for item in opened if day_start(item.opens) > now - timedelta(days=7)]
    upcoming = [item for item in modules if item.status == "locked"]
    return {
        "opened": recent or opened[-1:],
        "next_module": min(upcoming, key=lambda item: item.opens) if upcoming else None,
        "due": sorted((item for item in items if is_due_by(item, now + timedelta(days=7))),
                      key=lambda item: item.due),
        "late": [item for item in items if item.status == "late"],
    }


def agenda_entry(item):
    """An agenda item as REST gives it."""
    return {
        "uid": item.uid,
        "kind": item.kind,
        "title": item.title,
        "@id": item.url,
        "module": item.module,
        "opens": item.opens.isoformat(),
        "due": item.due.isoformat() if item.due else None,
        "late_policy": item.late_policy,
        "extended": item.extended,
        "handed_in": item.handed_in.isoformat() if item.handed_in else None,
        "status": item.status,
    }
