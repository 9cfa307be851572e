from AccessControl import getSecurityManager
from huey import crontab
from huey.exceptions import TaskLockedException
from plone.app.uuid.utils import uuidToObject
from wikimooc.policy.certificates.issuing import issue_where_complete
from wikimooc.policy.forum.notifications import send_digests
from wikimooc.policy.site import SITE_ID
from wikimooc.policy.taskqueue.queue import huey
from wikimooc.policy.taskqueue.site import task_site
from wikimooc.policy.tracking.schedule import check_and_commit
from wikimooc.policy.tracking.schedule import run_due_checks

import logging
import os


logger = logging.getLogger(__name__)


@huey.task()
def worker_status(site_id):
    """Answer ``wikimooc-worker --ping``: proves a worker runs and reaches the site."""
    with task_site(site_id) as site:
        return {
            "site": site.Title(),
            "user": getSecurityManager().getUser().getId(),
            "pid": os.getpid(),
        }


@huey.task()
def check_session_edits(site_id, session_uid):
    """A teacher asked for a check now (``@check-edits``)."""
    with task_site(site_id):
        session = uuidToObject(session_uid, unrestricted=True)
        if session is not None:
            check_and_commit(session)


def in_one_worker(lock, ttl, work, busy):
    """Run ``work()`` in the site. However many workers run, the lock (in the
    queue's storage: Redis or SQLite) lets one do it; the others log ``busy``."""
    try:
        with huey.lock_task(lock, ttl=ttl):
            with task_site(SITE_ID):
                work()
    except TaskLockedException:
        logger.info(busy)


@huey.periodic_task(crontab(minute="*"))
def check_active_sessions():
    """Every minute: check the active sessions that are due."""
    in_one_worker(
        "check-active-sessions", 900, run_due_checks,
        "Another worker is checking the active sessions.",
    )


@huey.task()
def issue_session_certificates(site_id, session_uid):
    """The session's certificate settings changed: whoever now meets them gets one."""
    with task_site(site_id):
        session = uuidToObject(session_uid, unrestricted=True)
        if session is not None:
            issue_where_complete(session, list(session.enrollments.learners.keys()))


@huey.periodic_task(crontab(hour="7", minute="0"))
def send_forum_digests():
    """Every morning (UTC): the daily digests of new forum questions for teachers."""
    in_one_worker(
        "send-forum-digests", 3600, send_digests, "Another worker is sending the forum digests."
    )
