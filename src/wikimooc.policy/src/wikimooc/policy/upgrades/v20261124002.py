"""The course model arrives: import the new types, indexes, permissions and session
workflow binding, install the learners groups plugin, then turn the Folder and Page stand-ins of the demo courses into
real Courses and CourseSessions. Anything else found in a stand-in folder moves into
its course; nothing is deleted that still holds content."""

from plone import api
from wikimooc.policy.demo import create_demo_course
from wikimooc.policy.demo import DEMO_COURSES
from wikimooc.policy.pas import install_plugin

import logging


logger = logging.getLogger("wikimooc.policy")
PROFILE = "profile-wikimooc.policy:default"
NEW_INDEXES = ["projects", "audience", "session_kind"]


def upgrade(setup_tool):
    for step in ("typeinfo", "rolemap", "workflow", "catalog"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    api.portal.get_tool("portal_catalog").manage_reindexIndex(ids=NEW_INDEXES)
    portal = api.portal.get()
    install_plugin(portal)
    for course in DEMO_COURSES:
        root = portal.get(course.language)
        stand_in = root.get(course.id) if root is not None else None
        if stand_in is not None and stand_in.portal_type == "Folder":
            convert(root, stand_in, course)


def convert(root, stand_in, course):
    session_ids = {session.id for session in course.sessions}
    old_id = f"{course.id}-before-courses"
    api.content.rename(obj=stand_in, new_id=old_id)
    converted = create_demo_course(root, course)
    for child_id in [child_id for child_id in stand_in.objectIds() if child_id not in session_ids]:
        api.content.move(source=stand_in[child_id], target=converted)
    if set(stand_in.objectIds()) <= session_ids:
        api.content.delete(stand_in, check_linkintegrity=False)
    else:
        logger.warning("Kept %s: it holds content that could not move.", stand_in.absolute_url_path())
    logger.info("Converted the demo course %s.", converted.absolute_url_path())
