"""Courses follow the course review workflow. Existing courses keep their visibility:
published ones stay published, private ones become drafts."""

from plone.app.workflow.remap import remap_workflow


STATES = {"published": "published", "private": "draft", "pending": "pending"}


def upgrade(setup_tool):
    remap_workflow(
        setup_tool,
        type_ids=("Course",),
        chain=("wikimooc_course_workflow",),
        state_map=STATES,
    )
