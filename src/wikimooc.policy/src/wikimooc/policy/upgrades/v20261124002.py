"""The course model arrives: import the new types, indexes, permissions and session
workflow binding, install the learners groups plugin, then turn the Folder and Page
stand-ins of the demo courses into real Courses and CourseSessions. Anything else
found in a stand-in folder moves into its course; nothing is deleted that still holds
content.

What a stand-in becomes is frozen beside this step (v20261124002_demo_courses.yaml):
the demo of this release, whatever the demo of later releases is."""

from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.pas import install_plugin

import logging
import yaml


logger = logging.getLogger("wikimooc.policy")
PROFILE = "profile-wikimooc.policy:default"
NEW_INDEXES = ["projects", "audience", "session_kind"]
DEMO_COURSES_FILE = Path(__file__).with_name("v20261124002_demo_courses.yaml")


class DemoCoursesLoader(yaml.SafeLoader):
    """YAML with the two value types the frozen file names: tuples and rich text."""


DemoCoursesLoader.add_constructor(
    "!tuple", lambda loader, node: tuple(loader.construct_sequence(node))
)
DemoCoursesLoader.add_constructor(
    "!html",
    lambda loader, node: RichTextValue(
        loader.construct_scalar(node), "text/html", "text/x-html-safe"
    ),
)


def demo_courses():
    return yaml.load(DEMO_COURSES_FILE.read_text(encoding="utf-8"), DemoCoursesLoader)


def upgrade(setup_tool):
    for step in ("typeinfo", "rolemap", "workflow", "catalog"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    api.portal.get_tool("portal_catalog").manage_reindexIndex(ids=NEW_INDEXES)
    portal = api.portal.get()
    install_plugin(portal)
    for demo in demo_courses():
        root = portal.get(demo["language"])
        stand_in = root.get(demo["course"]["id"]) if root is not None else None
        if stand_in is not None and stand_in.portal_type == "Folder":
            convert(root, stand_in, demo)


def convert(root, stand_in, demo):
    session_ids = {session["id"] for session in demo["sessions"]}
    old_id = f"{stand_in.getId()}-before-courses"
    api.content.rename(obj=stand_in, new_id=old_id)
    converted = create(root, demo["course"])
    for session in demo["sessions"]:
        create(converted, session)
    for child_id in [child_id for child_id in stand_in.objectIds() if child_id not in session_ids]:
        api.content.move(source=stand_in[child_id], target=converted)
    if set(stand_in.objectIds()) <= session_ids:
        api.content.delete(stand_in, check_linkintegrity=False)
    else:
        logger.warning(
            "Kept %s: it holds content that could not move.", stand_in.absolute_url_path()
        )
    logger.info("Converted the demo course %s.", converted.absolute_url_path())


def create(container, item):
    """One item of the frozen file, with its children, state and learners."""
    created = api.content.create(
        container=container, type=item["type"], id=item["id"], **item["fields"]
    )
    for child in item.get("children", ()):
        create(created, child)
    if "state" in item:
        api.content.transition(created, to_state=item["state"])
    if "learners" in item:
        add_learners(created, item["learners"], added_by=None)
    return created
