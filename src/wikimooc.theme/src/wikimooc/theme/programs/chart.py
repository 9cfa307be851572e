"""The geometry of a program's chart of edits per week, drawn as SVG by the page's
template: one bar per week from the first to the last with edits (weeks without
edits stay as gaps), and whole round values on the vertical axis."""

from datetime import date
from datetime import timedelta


WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 40


def every_week(weeks):
    """(Monday, edits) for each week from the first to the last counted."""
    counted = {item["week"]: item["edits"] for item in weeks}
    if not counted:
        return []
    day, last = date.fromisoformat(min(counted)), date.fromisoformat(max(counted))
    found = []
    while day <= last:
        found.append((day.isoformat(), counted.get(day.isoformat(), 0)))
        day += timedelta(days=7)
    return found


def round_top(highest):
    """The smallest 1, 2 or 5 times a power of ten at or above ``highest``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= highest:
                return factor * step
        step *= 10


def divisions(top):
    """As many steps as divide ``top`` into whole numbers, five at most."""
    return next(count for count in (4, 5, 2, 1) if top % count == 0)


def chart(weeks):
    weeks = every_week(weeks)
    if not weeks:
        return None
    top = round_top(max(edits for _week, edits in weeks) or 1)
    inner_width, inner_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = inner_width / len(weeks)
    label_every = max(1, round(len(weeks) / 8))
    bars = []
    for index, (week, edits) in enumerate(weeks):
        height = inner_height * edits / top
        bars.append({
            "week": week,
            "edits": edits,
            "x": round(LEFT + index * slot + slot * 0.1, 1),
            "y": round(TOP + inner_height - height, 1),
            "width": round(max(slot * 0.8, 1), 1),
            "height": round(height, 1),
            "label": week if index % label_every == 0 else None,
            "label_x": round(LEFT + index * slot + slot / 2, 1),
        })
    steps = divisions(top)
    ticks = [{"value": top * step // steps,
              "y": round(TOP + inner_height - inner_height * step / steps, 1)}
             for step in range(steps + 1)]
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT,
            "baseline": TOP + inner_height, "label_y": TOP + inner_height + 16,
            "bars": bars, "ticks": ticks, "first": weeks[0][0], "last": weeks[-1][0],
            "total": sum(edits for _week, edits in weeks),
            "busiest": max(weeks, key=lambda item: item[1])}
