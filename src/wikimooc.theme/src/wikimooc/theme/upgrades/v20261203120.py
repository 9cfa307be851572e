"""Video lessons: the bundle of the player's script and styles (video.js, video.css),
loaded on lesson and module pages only (a lesson's add form is a module's). Its
values are written here as they were introduced."""

from plone.base.interfaces.resources import IBundleRegistry
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PREFIX = "plone.bundles/wikimooc-video"
BUNDLE = {
    "enabled": True,
    "jscompilation": "++plone++wikimooc.theme/video.js",
    "csscompilation": "++plone++wikimooc.theme/video.css",
    "expression": "python: getattr(object, 'portal_type', None) in ('Lesson', 'Module')",
    "load_defer": True,
    "depends": "wikimooc-theme",
}


def upgrade(setup_tool):
    registry = getUtility(IRegistry)
    registry.registerInterface(IBundleRegistry, prefix=PREFIX)
    bundle = registry.forInterface(IBundleRegistry, prefix=PREFIX)
    for name, value in BUNDLE.items():
        setattr(bundle, name, value)
