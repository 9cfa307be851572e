"""Run task code inside the Plone site, as the worker's own user."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.users import SimpleUser
from contextlib import contextmanager
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import transaction
import Zope2


WORKER_USER_ID = "wikimooc-worker"
WORKER_ROLES = ("WikiMOOC Worker",)


@contextmanager
def task_site(site_id):
    """Open the site in a fresh ZODB connection; commit on success, abort on error."""
    app = makerequest(Zope2.app())
    setRequest(app.REQUEST)
    try:
        site = app.unrestrictedTraverse(site_id)
        setSite(site)
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
