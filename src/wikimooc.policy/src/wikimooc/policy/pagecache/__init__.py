"""A page cache in front of Zope, in each web instance's memory, for the anonymous
pages plone.app.caching keeps in RAM: a hit is answered without the publisher."""
