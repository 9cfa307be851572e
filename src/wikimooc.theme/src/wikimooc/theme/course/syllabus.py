"""A course's modules and their lessons and exercises, in the course's order."""

from plone import api
from wikimooc.policy import _


PART_TYPES = {"Lesson": _("Lesson"), "Exercise": _("Exercise")}


def viewable(items, portal_types):
    return [
        item for item in items
        if item.portal_type in portal_types and api.user.has_permission("View", obj=item)
    ]


def module_parts(module):
    return [
        {"title": part.Title(), "url": part.absolute_url(), "type": part.portal_type,
         "type_title": PART_TYPES[part.portal_type], "uid": part.UID()}
        for part in viewable(module.objectValues(), PART_TYPES)
    ]


def syllabus(course):
    return [
        {"title": module.Title(), "url": module.absolute_url(), "parts": module_parts(module)}
        for module in viewable(course.objectValues(), ("Module",))
    ]


def neighbours(course, part):
    """The parts before and after ``part`` in the whole course, or None."""
    parts = [item for module in syllabus(course) for item in module["parts"]]
    uids = [item["uid"] for item in parts]
    if part.UID() not in uids:
        return None, None
    index = uids.index(part.UID())
    before = parts[index - 1] if index > 0 else None
    after = parts[index + 1] if index + 1 < len(parts) else None
    return before, after
