"""The base of WikiMOOC's plone.transformchain transforms: adapters of the published
object and the request, ordered by ``order``, each method answering the changed page
or None (the page as it was)."""

from plone.transformchain.interfaces import ITransform
from zope.interface import implementer


@implementer(ITransform)
class Transform:
    def __init__(self, published, request):
        self.published = published
        self.request = request
