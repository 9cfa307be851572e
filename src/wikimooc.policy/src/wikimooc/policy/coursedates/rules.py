"""The rules of course dates: the defaults, a learner's dates, what is open and
late at a given moment, changing the schedule and extending a due date (refused,
with nothing changed, when the dates are wrong).

A session has course dates once its team saved a schedule (the Schedule page,
``PATCH @schedule``), defaults included: until then nothing is locked or due, and
sessions that ran before course dates existed go on as they did.

Dates are whole days in UTC: a module opens at 00:00 on its opening day, work is
due until the end (24:00) of its due day. Self-paced sessions count days from the
day each learner enrolled. Every function takes ``now``; ``clock()`` is the one
place that reads the time, for tests to set."""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import UTC
from typing import NamedTuple
from wikimooc.policy import _
from wikimooc.policy.coursedates.storage import Dates
from wikimooc.policy.coursedates.storage import dates_of
from wikimooc.policy.coursedates.storage import Extension
from wikimooc.policy.coursedates.storage import proposal_of
from wikimooc.policy.enrollment import enrolled_username
from wikimooc.policy.readable import day_message
from wikimooc.policy.vocabularies import vocabulary
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import Refused


WEEK = 7
PACINGS = vocabulary(
    ("instructor", _("Instructor-paced: the same dates for everyone")),
    ("self", _("Self-paced: days after each learner enrolled")),
)
LATE_POLICIES = vocabulary(
    ("accept", _("Accepted and flagged late")),
    ("refuse", _("Refused")),
)
DUE_TYPES = ("Exercise", "Quiz")


class ScheduleRefused(Refused):
    """Dates that cannot be set, or work handed in outside its dates."""

    error_type = "ScheduleRefused"


def utc_now():
    return datetime.now(UTC)


def clock():
    """Now, in UTC: what every caller asks, and tests set by replacing ``utc_now``."""
    return utc_now()


def day_start(day):
    return datetime.combine(day, time.min, UTC)


def due_end(day):
    """The first moment after the due day ``day``: work handed in then is late."""
    return day_start(day + timedelta(days=1))


# The course's parts as the schedule sees them.


class ItemPlan(NamedTuple):
    item: object
    uid: str  # uid, title, url, kind asked once: pages going through learners reuse them
    title: str
    url: str
    kind: str  # quiz, exercise (checked on the wiki), peer (peer-reviewed exercise)
    due: date | int
    late: str


class ModulePlan(NamedTuple):
    module: object
    uid: str
    title: str
    url: str
    opens: date | int
    items: list


def modules_of(course):
    return [item for item in course.objectValues() if item.portal_type == "Module"]


def due_items_of(module):
    return [item for item in module.objectValues() if item.portal_type in DUE_TYPES]


def stored_value(value, pacing):
    """A stored opening or due date as the plan uses it: a date, or days."""
    if value is None:
        return None
    return date.fromisoformat(value) if pacing == "instructor" else value


def proposed_dates(session):
    """{UID: Dates} proposed to a session without a schedule by its course (an
    imported course's dates), while no session of the course has saved one: moved
    by as many days as the session starts after the dates' start, within the
    session, none due before its module opens. {} otherwise."""
    course = session.__parent__
    proposal = proposal_of(course)
    if proposal is None or any(
            dates_of(other, create=False) is not None for other in course.objectValues()
            if other.portal_type == "CourseSession"):
        return {}
    start, dates = proposal
    shift = session.start - date.fromisoformat(start) if start else timedelta()

    def moved(day):
        if day is None:
            return None
        moved_day = date.fromisoformat(day) + shift
        return min(max(moved_day, session.start), session.end).isoformat()

    proposed = {}
    for module in modules_of(course):
        opens = moved(dates.get(module.UID(), Dates()).opens)
        if opens:
            proposed[module.UID()] = Dates(opens=opens)
        for item in due_items_of(module):
            due = moved(dates.get(item.UID(), Dates()).due)
            if due:  # never before its module opens, which the schedule refuses
                proposed[item.UID()] = Dates(due=max(due, opens or due))
    return proposed


def plan(session, pacing=None, dates=None):
    """Every module of the session's course with its opening and its exercises and
    quizzes with their due dates and late policy: what the team set (``dates``,
    {UID: Dates}; the stored ones by default), else the defaults: module n (from
    0) opens n weeks after the start, its work is due the day before the next week
    starts. Instructor-paced dates are dates, never after the session's end;
    self-paced ones are days after enrollment."""
    stored = dates_of(session, create=False)
    pacing = pacing or (stored.pacing if stored is not None else "instructor")
    if dates is None:
        dates = dict(stored.dates) if stored is not None else unsaved_dates(session, pacing)
    if pacing == "instructor":
        def shifted(days):
            return min(session.start + timedelta(days=days), session.end)
    else:
        def shifted(days):
            return days
    found = []
    for index, module in enumerate(modules_of(session.__parent__)):
        module_uid = module.UID()
        set_for_module = dates.get(module_uid, Dates())
        opens = stored_value(set_for_module.opens, pacing)
        if opens is None:
            opens = shifted(index * WEEK)
        items = []
        for item in due_items_of(module):
            item_uid = item.UID()
            set_for_item = dates.get(item_uid, Dates())
            due = stored_value(set_for_item.due, pacing)
            if due is None:
                due = (min(opens + timedelta(days=WEEK - 1), session.end)
                       if pacing == "instructor" else opens + WEEK - 1)
            kind = "quiz" if item.portal_type == "Quiz" else (
                "peer" if item.check == "peer" else "exercise")
            items.append(ItemPlan(item, item_uid, item.Title(), item.absolute_url(), kind, due,
                                  set_for_item.late or "accept"))
        found.append(ModulePlan(module, module_uid, module.Title(), module.absolute_url(),
                                opens, items))
    return pacing, found


def unsaved_dates(session, pacing):
    """What a schedule never saved starts from: the course's proposal for an
    instructor-paced session, else the defaults."""
    return proposed_dates(session) if pacing == "instructor" else {}


def has_schedule(session):
    """Whether the session's team saved a schedule: before, nothing is due."""
    return dates_of(session, create=False) is not None


def pacing_of(session):
    stored = dates_of(session, create=False)
    return stored.pacing if stored is not None else "instructor"


# A learner's dates.


class LearnerDates(NamedTuple):
    """One module or item for one learner; ``due`` and ``late`` None for modules."""

    uid: str
    opens: date
    due: date | None
    late: str | None
    extension: Extension | None
    regular_due: date | None


def enrollment_day(session, username):
    enrollment = session.enrollments.learners.get(username)
    if enrollment is None:
        return session.start
    return date.fromisoformat(enrollment.enrolled[:10])


def as_date(value, reference):
    return value if isinstance(value, date) else reference + timedelta(days=value)


def learner_dates(session, username, planned=None):
    """{UID: LearnerDates} of every module and item of the course for ``username``
    (a self-paced session counts from their enrollment), with their extensions;
    ``planned`` is the session's ``plan``, when the caller has it already. Empty
    for a session whose team never saved a schedule."""
    stored = dates_of(session, create=False)
    if stored is None:
        return {}
    _pacing, modules = planned or plan(session)
    reference = enrollment_day(session, username)
    found = {}
    for module_plan in modules:
        opens = as_date(module_plan.opens, reference)
        found[module_plan.uid] = LearnerDates(module_plan.uid, opens, None, None, None, None)
        for item_plan in module_plan.items:
            uid = item_plan.uid
            regular = as_date(item_plan.due, reference)
            extension = stored.extension(uid, username)
            due = date.fromisoformat(extension.due) if extension else regular
            found[uid] = LearnerDates(uid, opens, due, item_plan.late, extension, regular)
    return found


def is_open(dates, now):
    return now >= day_start(dates.opens)


def is_late(dates, moment):
    """Whether work handed in at ``moment`` is late."""
    return dates.due is not None and moment >= due_end(dates.due)


def hand_in_refusal(session, username, item, now):
    """Why ``username`` may not hand in work on ``item`` at ``now`` (its module is
    not open yet, or it is past due and late work is refused), or None."""
    dates = learner_dates(session, username).get(item.UID())
    if dates is None:
        return None
    if not is_open(dates, now):
        return ScheduleRefused(
            409, _("${item} opens on ${date}.",
                   mapping={"item": item.Title(), "date": day_message(dates.opens)})
        )
    if is_late(dates, now) and dates.late == "refuse":
        return ScheduleRefused(
            409, _("${item} was due on ${date}: late work is not accepted.",
                   mapping={"item": item.Title(), "date": day_message(dates.due)})
        )
    return None


def check_hand_in(session, username, item, now):
    """Whether ``username``'s work on ``item`` handed in ``now`` is late; Refused as
    ``hand_in_refusal`` says."""
    refused = hand_in_refusal(session, username, item, now)
    if refused is not None:
        raise refused
    dates = learner_dates(session, username).get(item.UID())
    return dates is not None and is_late(dates, now)


def submitted_late(session, username, item, submitted):
    """Whether work handed in at ``submitted`` (an ISO moment) was late."""
    dates = learner_dates(session, username).get(item.UID())
    return dates is not None and is_late(dates, datetime.fromisoformat(submitted))


def due_passed(session, username, item, now):
    dates = learner_dates(session, username).get(item.UID())
    return dates is not None and is_late(dates, now)


# Changing the schedule.


def read_date(value, session):
    if not isinstance(value, str):
        raise BadRequest(400, _("${value} is not a date: give it as YYYY-MM-DD.",
                                mapping={"value": str(value)}))
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise BadRequest(400, _("${value} is not a date: give it as YYYY-MM-DD.",
                                mapping={"value": value})) from None
    if not session.start <= day <= session.end:
        raise ScheduleRefused(400, _(
            "${date} is outside the session (${start} to ${end}).",
            mapping={"date": value, "start": day_message(session.start),
                     "end": day_message(session.end)},
        ))
    return value


def read_days(value, session):
    length = (session.end - session.start).days
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= length:
        raise ScheduleRefused(400, _(
            "Self-paced dates are whole numbers of days after enrollment, from 0 to"
            " ${days}.", mapping={"days": str(length)},
        ))
    return value


def read_change(kind, field, value, session, pacing):
    if (field == "opens") != (kind == "Module"):
        raise BadRequest(400, _("Modules have an opening date; exercises and quizzes a due date."))
    if value is None:
        return None
    if field == "late":
        if value not in LATE_POLICIES:
            raise BadRequest(400, _("\"late\" is either \"accept\" or \"refuse\"."))
        return value
    return read_date(value, session) if pacing == "instructor" else read_days(value, session)


def parts_by_uid(session):
    return {
        part.UID(): part
        for module in modules_of(session.__parent__)
        for part in (module, *due_items_of(module))
    }


def changed_dates(session, data):
    """(pacing, {UID: Dates}) the schedule would have with ``data``'s changes; Refused
    when a value is wrong. A new pacing starts from the defaults."""
    if not isinstance(data, dict):
        raise BadRequest(400, _("Give the schedule as an object: \"pacing\" and \"dates\"."))
    stored = dates_of(session, create=False)
    current = pacing_of(session)
    pacing = data.get("pacing", current)
    if pacing not in PACINGS:
        raise BadRequest(400, _("\"pacing\" is either \"instructor\" or \"self\"."))
    if stored is None:
        dates = unsaved_dates(session, pacing)
    else:
        dates = dict(stored.dates) if pacing == current else {}
    changes = data.get("dates", {})
    if not isinstance(changes, dict) or not all(isinstance(v, dict) for v in changes.values()):
        raise BadRequest(400, _("Give \"dates\" as an object: {UID: {opens, due, late}}."))
    parts = parts_by_uid(session)
    for uid, change in changes.items():
        part = parts.get(uid)
        if part is None:
            raise BadRequest(400, _("This course has no module, exercise or quiz ${uid}.",
                                    mapping={"uid": uid}))
        values = dates.get(uid, Dates())._asdict()
        for field in change:
            if field not in values:
                raise BadRequest(400, _("A date is given as opens, due or late; not ${field}.",
                                        mapping={"field": field}))
            values[field] = read_change(part.portal_type, field, change[field], session, pacing)
        dates[uid] = Dates(**values)
    return pacing, {uid: value for uid, value in dates.items() if value != Dates()}


def check_order(pacing, modules):
    for module_plan in modules:
        for item_plan in module_plan.items:
            if item_plan.due < module_plan.opens:
                raise ScheduleRefused(400, _(
                    "${item} would be due before its module opens (${opens}).",
                    mapping={"item": item_plan.title, "opens": day_message(module_plan.opens)
                             if isinstance(module_plan.opens, date) else str(module_plan.opens)},
                ))


def set_schedule(session, data):
    """Apply ``data`` ({"pacing", "dates": {UID: {opens, due, late}}}, a null value
    going back to the default); Refused, with nothing changed, for wrong dates or
    work due before its module opens."""
    pacing, dates = changed_dates(session, data)
    check_order(*plan(session, pacing, dates))
    dates_of(session).set(pacing, dates)
    return pacing


# Extensions.


def extend(session, given_username, item_uid, due, reason, by, now):
    """Give a learner a later due date for an item, with the reason; return the
    extension. Refused, with nothing changed, otherwise."""
    username = enrolled_username(session, given_username)
    if not isinstance(reason, str) or not reason.strip():
        raise BadRequest(400, _("An extension needs a reason."))
    part = parts_by_uid(session).get(item_uid) if isinstance(item_uid, str) else None
    if part is None or part.portal_type not in DUE_TYPES:
        raise BadRequest(400, _("This course has no exercise or quiz ${uid}.",
                                mapping={"uid": str(item_uid)}))
    if not isinstance(due, str):
        raise BadRequest(400, _("${value} is not a date: give it as YYYY-MM-DD.",
                                mapping={"value": str(due)}))
    try:
        new_due = date.fromisoformat(due)
    except ValueError:
        raise BadRequest(400, _("${value} is not a date: give it as YYYY-MM-DD.",
                                mapping={"value": due})) from None
    dates = learner_dates(session, username).get(item_uid)
    if dates is None:
        raise ScheduleRefused(409, _("This session has no schedule yet: save it first."))
    regular = dates.regular_due
    if new_due <= regular:
        raise ScheduleRefused(400, _(
            "An extension gives a date after the due date (${date}).",
            mapping={"date": day_message(regular)},
        ))
    extension = Extension(new_due.isoformat(), reason.strip(), by,
                          now.isoformat(timespec="seconds"))
    dates_of(session).extend(item_uid, username, extension)
    return username, extension


def extensions(session):
    """Every extension given in the session, latest last per learner and item."""
    stored = dates_of(session, create=False)
    for (uid, username), given in (stored.extensions.items() if stored is not None else ()):
        for extension in given:
            yield uid, username, extension
