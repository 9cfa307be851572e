"""The catalogue (REST @courses, the course and catalogue pages) lists the other
wikis a session follows besides its home wiki: the catalog column other_wikis (the
session's field of that name), filled in for every session already there."""

from plone import api


COLUMN = "other_wikis"


def upgrade(setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    if COLUMN not in catalog.schema():
        catalog.addColumn(COLUMN)
    for brain in catalog.unrestrictedSearchResults(portal_type="CourseSession"):
        catalog.catalog_object(brain._unrestrictedGetObject(), brain.getPath(),
                               idxs=["getId"], update_metadata=True)
