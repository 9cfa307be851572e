"""Alerts: the record wikimooc.deletion_watch (per wiki, the deletion categories and
templates watched), written here as it was introduced, so that the step does not
depend on later schemas. wikimooc.wikis is left as it is."""

from plone.registry import field
from plone.registry.interfaces import IRegistry
from plone.registry.record import Record
from zope.component import getUtility


INTERFACE = "wikimooc.policy.interfaces.IWikimoocSettings"
NAME = "deletion_watch"
DEFAULT = {
    "fr.wikipedia.org": "Catégorie:Page proposée à la suppression"
    "|Catégorie:Page soumise à une procédure de suppression",
    "en.wikipedia.org": "Category:Articles for deletion"
    "|Category:All articles proposed for deletion"
    "|Category:Candidates for speedy deletion",
}


def upgrade(setup_tool):
    registry = getUtility(IRegistry)
    if f"wikimooc.{NAME}" in registry.records:
        return
    definition = field.Dict(
        title="Deletion categories and templates watched, per wiki",
        key_type=field.TextLine(),
        value_type=field.TextLine(),
        required=False,
    )
    # Given to the constructor, the default is validated before value_type is set.
    definition.default = DEFAULT
    definition.interfaceName, definition.fieldName = INTERFACE, NAME
    registry.records[f"wikimooc.{NAME}"] = Record(definition, DEFAULT)
