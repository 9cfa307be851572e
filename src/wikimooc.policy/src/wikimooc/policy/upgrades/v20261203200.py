"""Several wikis per session: each session's tracking stays its home wiki's trail
(its wiki, its contributions, its progress, its watermark, untouched) and gets the
empty table of its other wikis' trails; what is now kept per wiki rather than per
session (the usernames the wiki confirmed or does not know, the next check due) is
dropped from sessions: each wiki's first check confirms its learners again, and
finds them due. The annotation key and attribute names are written here as they
were, so that the step does not depend on later storage code."""

from BTrees.OOBTree import OOBTree
from plone import api
from zope.annotation.interfaces import IAnnotations

import logging


logger = logging.getLogger(__name__)
TRACKING_ANNOTATION = "wikimooc.tracking"
PER_WIKI_NOW = ("confirmed_usernames", "unknown_usernames", "next_due")


def upgrade(setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    upgraded = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="CourseSession"):
        tracking = IAnnotations(brain._unrestrictedGetObject()).get(TRACKING_ANNOTATION)
        if tracking is None or "trails" in tracking.__dict__:
            continue
        tracking.trails = OOBTree()
        for name in PER_WIKI_NOW:
            tracking.__dict__.pop(name, None)
        tracking._p_changed = True
        upgraded += 1
    logger.info("Sessions following several wikis: %s trackings upgraded", upgraded)
