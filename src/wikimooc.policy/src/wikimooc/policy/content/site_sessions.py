"""Every session of the site, whoever may see it: for what the worker does in all
of them (edit checks, forum digests) and what follows a wiki username across them
(its enrollments)."""

from plone import api


def every_session():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="CourseSession"):
        yield brain._unrestrictedGetObject()
