from plone.dexterity.content import Container
from plone.supermodel import model
from zope.interface import implementer


class IModule(model.Schema):
    """An ordered part of a course holding lessons and exercises."""


@implementer(IModule)
class Module(Container):
    pass
