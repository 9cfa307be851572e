"""Plone's search page, fed only what it can read."""
