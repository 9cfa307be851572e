"""Wiki usernames are normalised as MediaWiki does them (issue 21): enrollments
stored under a name now written otherwise (a bidi control, a no-break space, a
character reference) move to the name the wiki has."""

from plone import api
from wikimooc.policy.enrollment import renormalise_enrollments

import logging


logger = logging.getLogger(__name__)


def upgrade(setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="CourseSession"):
        session = brain._unrestrictedGetObject()
        for old, new in renormalise_enrollments(session):
            logger.info("%s: enrollment of %r is now %r", brain.getPath(), old, new)
