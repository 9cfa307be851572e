"""Open edX import and export: the actions "Import an Open edX course" (language
roots and folders, for whoever may add a course) and "Export as Open edX course"
(courses), written here as they were introduced."""

from plone import api
from Products.CMFCore.ActionInformation import Action
from zope.component import getUtility
from zope.security.interfaces import IPermission


ACTIONS = {
    "wikimooc_import_olx": {
        "title": "Import an Open edX course",
        "description": "Bring a course exported from Open edX Studio",
        "url_expr": "string:${object_url}/@@import-olx",
        "available_expr": "python:getattr(object, 'portal_type', None) in ('LRF', 'Folder')",
        "permissions": None,  # the Course type's add permission, as the profile says
    },
    "wikimooc_export_olx": {
        "title": "Export as Open edX course",
        "description": "A .tar.gz that Open edX Studio imports",
        "url_expr": "string:${object_url}/@@export-olx",
        "available_expr": "python:getattr(object, 'portal_type', None) == 'Course'",
        "permissions": ("View",),
    },
}


def course_add_permission():
    permission_id = api.portal.get_tool("portal_types")["Course"].add_permission
    return getUtility(IPermission, name=permission_id).title


def upgrade(setup_tool):
    category = api.portal.get_tool("portal_actions")["object_buttons"]
    for name, properties in ACTIONS.items():
        if name in category.objectIds():
            continue
        permissions = properties["permissions"] or (course_add_permission(),)
        category._setObject(name, Action(name, i18n_domain="wikimooc", visible=True,
                                         **{**properties, "permissions": permissions}))
