"""Tour drafts for the tests: a three-step draft in a course."""

from plone import api


STEPS = (
    {"title": "Welcome", "description": "This is your sandbox.", "step_name": "welcome",
     "buttons": ("next",)},
    {"title": "Edit <here>", "description": 'Click "Edit" to write.', "step_name": "edit",
     "attach_to": "#ca-edit", "position": "bottom", "buttons": ("back", "next")},
    {"title": "Well done", "description": "Come back to the course.", "step_name": "done",
     "buttons": ("back", "course")},
)


def add_draft(course, steps=STEPS, tour_name="firstedit"):
    with api.env.adopt_roles(["Manager"]):
        draft = api.content.create(
            container=course, type="GuidedTourDraft", id="tour", title="First edit",
            tour_name=tour_name,
        )
        for step in steps:
            api.content.create(container=draft, type="GuidedTourStep", **step)
    return draft
