"""Run task code inside the Plone site, as the worker's own user."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.users import SimpleUser
from contextlib import contextmanager
from plone import api
from Testing.makerequest import makerequest
from urllib.parse import quote
from urllib.parse import urlsplit
from zope.component.hooks import setSite
from zope.globalrequest import setRequest
from ZPublisher.HTTPRequest import default_port

import transaction
import Zope2


WORKER_USER_ID = "wikimooc-worker"
WORKER_ROLES = ("WikiMOOC Worker",)


def address_as_public(request, site):
    """Outside any web request, the worker cannot know the site's address: the URLs
    it writes (links in mails) start with ``wikimooc.public_url`` where it is set."""
    public_url = api.portal.get_registry_record("wikimooc.public_url", default=None)
    if not public_url:
        return
    parts = urlsplit(public_url)
    request.other["VirtualRootPhysicalPath"] = site.getPhysicalPath()
    request._script[:] = [quote(part) for part in parts.path.split("/") if part]
    request.setServerURL(parts.scheme, parts.hostname, parts.port or default_port[parts.scheme])


@contextmanager
def task_site(site_id):
    """Open the site in a fresh ZODB connection; commit on success, abort on error."""
    app = makerequest(Zope2.app())
    setRequest(app.REQUEST)
    try:
        site = app.unrestrictedTraverse(site_id)
        setSite(site)
        address_as_public(app.REQUEST, site)
        worker = SimpleUser(WORKER_USER_ID, "", WORKER_ROLES, [])
        newSecurityManager(app.REQUEST, worker.__of__(site.acl_users))
        yield site
        transaction.commit()
    except BaseException:
        transaction.abort()
        raise
    finally:
        noSecurityManager()
        setSite(None)
        setRequest(None)
        app._p_jar.close()
