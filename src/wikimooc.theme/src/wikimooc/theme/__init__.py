"""wikimooc.theme"""

from zope.i18nmessageid import MessageFactory


__version__ = "1.0.0a1"

_ = MessageFactory("wikimooc")
