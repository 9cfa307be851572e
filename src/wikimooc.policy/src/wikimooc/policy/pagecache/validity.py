"""The Zope side of the page cache: tell the WSGI middleware that the page just
answered may be kept, and what keeps it valid: the catalog's change counter (the ETag
component plone.app.caching's own RAM cache relies on) and a counter of changed site
settings (the registry, where caching itself is switched on and off)."""

from BTrees.Length import Length
from plone import api
from plone.app.caching.interfaces import IRAMCached
from plone.base.interfaces import IPloneSiteRoot
from plone.caching.hooks import Intercepted
from plone.registry.interfaces import IRecordModifiedEvent
from wikimooc.policy.transforms import Transform
from wikimooc.workflows.annotations import annotation
from zope.component import adapter
from zope.component.hooks import getSite
from ZPublisher.interfaces import IPubBeforeAbort

import threading


SETTINGS_CHANGES = "wikimooc.pagecache.settings_changes"


class Offer(threading.local):
    """What the page answered in this thread needs to stay valid, or None if it may
    not be kept. The middleware calls Zope in the same thread: it clears this before
    and reads it after (Zope's request works on a copy of the WSGI environ)."""

    validity = None


OFFER = Offer()


def offer(request):
    if request.response.getStatus() != 200 or not api.user.is_anonymous():
        return
    site = api.portal.get()
    # CatalogTool.getCounter() reads this Length.
    catalog_changes = getattr(api.portal.get_tool("portal_catalog"), "_counter", None)
    settings_changes = annotation(site, SETTINGS_CHANGES, Length, create=False)
    counters = (catalog_changes, settings_changes)
    if all(counter is not None and counter._p_oid is not None for counter in counters):
        OFFER.validity = tuple((counter._p_oid, counter()) for counter in counters)


class OfferRenderedPage(Transform):
    """A page plone.app.caching's rules just stored in its RAM cache."""

    # After plone.app.caching's RAM cache stores the page (order 90000).
    order = 90001

    def transformBytes(self, result, encoding):
        if IRAMCached.providedBy(self.request):
            offer(self.request)

    transformUnicode = transformIterable = transformBytes


@adapter(IPubBeforeAbort)
def offer_ram_cache_hit(event):
    """A page plone.app.caching's RAM cache answered: it interrupts publishing with
    ``Intercepted``, so no transform runs."""
    response = event.request.response
    if isinstance(event.exc_info[1], Intercepted) and response.getHeader(
        "X-RAMCache", literal=True
    ):
        offer(event.request)


def count_settings_changes(site):
    """Start counting (the page cache keeps nothing of a site that does not count)."""
    return annotation(site, SETTINGS_CHANGES, Length)


@adapter(IRecordModifiedEvent)
def settings_changed(event):
    site = getSite()
    if IPloneSiteRoot.providedBy(site):
        count_settings_changes(site).change(1)
