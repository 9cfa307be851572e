"""What WikiMOOC keeps beside content, in its annotations: every storage of the
three packages reads, makes and drops its annotation with these."""

from zope.annotation.interfaces import IAnnotations


def annotation(context, key, factory, create=True):
    """``context``'s annotation ``key``, made by ``factory()`` the first time; without
    ``create`` (reading), None until then."""
    annotations = IAnnotations(context)
    if key not in annotations:
        if not create:
            return None
        annotations[key] = factory()
    return annotations[key]


def drop_annotation(context, key):
    """Forget ``context``'s annotation ``key``, if it has one."""
    IAnnotations(context).pop(key, None)
