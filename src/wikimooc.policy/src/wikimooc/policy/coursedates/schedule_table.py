"""The schedule as the team edits it (the Schedule page, ``@schedule``): each
module with its opening and each of its exercises and quizzes with its due date and
late policy, saying which the team set and which are defaults (all of them, and
``scheduled`` false, until the team first saves it)."""

from datetime import date
from wikimooc.policy.coursedates.rules import plan
from wikimooc.policy.coursedates.rules import proposed_dates
from wikimooc.policy.coursedates.storage import Dates
from wikimooc.policy.coursedates.storage import dates_of


def shown(value):
    return value.isoformat() if isinstance(value, date) else value


def schedule_table(session):
    pacing, modules = plan(session)
    stored = dates_of(session, create=False)
    set_dates = stored.dates if stored is not None else {}
    rows = []
    for module_plan in modules:
        rows.append({
            "uid": module_plan.uid,
            "title": module_plan.title,
            "@id": module_plan.url,
            "opens": shown(module_plan.opens),
            "opens_set": set_dates.get(module_plan.uid, Dates()).opens is not None,
            "items": [{
                "uid": item_plan.uid,
                "title": item_plan.title,
                "@id": item_plan.url,
                "kind": item_plan.item.portal_type.lower(),
                "due": shown(item_plan.due),
                "due_set": set_dates.get(item_plan.uid, Dates()).due is not None,
                "late": item_plan.late,
            } for item_plan in module_plan.items],
        })
    return {"scheduled": stored is not None,
            "proposed": stored is None and pacing == "instructor"
            and bool(proposed_dates(session)),
            "pacing": pacing, "start": session.start.isoformat(),
            "end": session.end.isoformat(), "modules": rows}
