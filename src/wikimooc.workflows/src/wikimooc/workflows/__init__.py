"""wikimooc.workflows"""

__version__ = "1.0.0a1"
