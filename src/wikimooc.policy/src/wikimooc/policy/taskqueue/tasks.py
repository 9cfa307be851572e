from AccessControl import getSecurityManager
from datetime import datetime
from datetime import UTC
from huey import crontab
from plone.app.uuid.utils import uuidToObject
from wikimooc.policy.alerts.cycles import run_due_watches
from wikimooc.policy.alerts.digest import send_digests as send_alert_digests
from wikimooc.policy.announcements.reminders import send_reminders
from wikimooc.policy.announcements.sending import send_batches
from wikimooc.policy.announcements.sending import send_due
from wikimooc.policy.certificates.issuing import issue_where_complete
from wikimooc.policy.forum.notifications import send_digests
from wikimooc.policy.olx.imports import run_creation
from wikimooc.policy.olx.imports import run_reading
from wikimooc.policy.programs.refreshing import refresh_stale_summaries
from wikimooc.policy.programs.retention import read_late_retentions
from wikimooc.policy.site import SITE_ID
from wikimooc.policy.taskqueue.queue import huey
from wikimooc.policy.taskqueue.site import task_site
from wikimooc.policy.tracking.checker import SETTLE_SECONDS
from wikimooc.policy.tracking.schedule import active_sessions
from wikimooc.policy.tracking.schedule import check_and_commit
from wikimooc.policy.tracking.schedule import check_wiki
from wikimooc.policy.tracking.schedule import run_due_checks
from wikimooc.policy.video.cache import refresh_stale
from wikimooc.workflows.peerreview.progress import run_session

import os
import transaction


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


class LiveCheckNotDone(Exception):
    """The check a change asked for conflicted with another check, or the wiki failed:
    huey tries again (and the periodic checks read it anyway)."""


@huey.task(retries=2, retry_delay=2)
def check_learners_now(site_id, host, usernames):
    """The live stream saw these learners' changes on ``host``: check just them."""
    with task_site(site_id):
        if check_wiki(host, usernames) is None:
            raise LiveCheckNotDone(host)


def queue_live_check(site_id, host, usernames, made):
    """Queue ``check_learners_now`` for when a change made at ``made`` (a Unix time)
    can be read: SETTLE_SECONDS later, as a check's window requires."""
    check_learners_now.schedule(
        (site_id, host, usernames),
        eta=datetime.fromtimestamp(made + SETTLE_SECONDS + 1, UTC),
    )


@huey.periodic_task(crontab(minute="*"))
def check_active_sessions():
    """Every minute: check the active sessions that are due (each worker's scheduler
    queues this; sessions are claimed in the database, so each is checked once)."""
    with task_site(SITE_ID):
        run_due_checks()


@huey.periodic_task(crontab(minute="*/5"))
def watch_for_alerts():
    """Every five minutes: the wikis of active sessions whose alerts are due (each
    every quarter of an hour, claimed in the database) are looked at, once for all
    their sessions."""
    with task_site(SITE_ID):
        run_due_watches()


@huey.periodic_task(crontab(hour="7", minute="10"))
def send_alerts_digests():
    """Every morning (UTC): each teacher's digest of the alerts raised since the last
    one (recorded in the same transaction as the mails, so none goes twice)."""
    with task_site(SITE_ID):
        send_alert_digests()


@huey.periodic_task(crontab(minute="7"))
def grade_work_that_waited():
    """Hourly: in every active session, work that waited past the flexible-grading
    days is graded with the reviews it has (and missing reviews are allocated), even
    when nothing else happens in its round."""
    with task_site(SITE_ID):
        for session in list(active_sessions()):
            run_session(session)
            transaction.commit()


@huey.task()
def issue_session_certificates(site_id, session_uid):
    """The session's certificate settings changed: whoever now meets them gets one."""
    with task_site(site_id):
        session = uuidToObject(session_uid, unrestricted=True)
        if session is not None:
            issue_where_complete(session, list(session.enrollments.learners.keys()))


@huey.periodic_task(crontab(hour="7", minute="0"))
def send_forum_digests():
    """Every morning (UTC): the daily digests of new forum questions for teachers.
    Each worker's scheduler queues this: a later run finds the digests sent, and two
    at once conflict in the database (mails leave only when the transaction commits)."""
    with task_site(SITE_ID):
        send_digests()


@huey.periodic_task(crontab(hour="3", minute="23"))
def refresh_videos():
    """Nightly: what the hosts say of videos known for a week is asked again (titles,
    licences, subtitles added on Commons); a host that is down leaves what was known."""
    with task_site(SITE_ID):
        refresh_stale()


@huey.task()
def send_announcement(site_id, session_uid, announcement_id):
    """A teacher's announcement is due now: its mails, a committed batch at a time."""
    with task_site(site_id):
        send_batches(session_uid, announcement_id)


@huey.periodic_task(crontab(minute="*"))
def send_due_announcements():
    """Every minute: announcements whose time came, and those a dead worker left
    half sent (outbox.py: a batch is never mailed twice)."""
    with task_site(SITE_ID):
        send_due()


@huey.periodic_task(crontab(minute="23"))
def send_learner_reminders():
    """Hourly: each learner's reminders digest, at most one a day (the first run of
    the day sends it; later runs send only to whom it could not reach before)."""
    with task_site(SITE_ID):
        send_reminders()


@huey.periodic_task(crontab(minute="41"))
def refresh_program_summaries():
    """Hourly: programs' sessions whose 90-day retention window has passed are read
    (once each), then the summaries programs add up, for sessions whose edits were
    read since (or a day ago); each session's in its own transaction."""
    with task_site(SITE_ID):
        read_late_retentions()
        refresh_stale_summaries()


@huey.task()
def read_olx_import(site_id, folder_uid, import_id):
    """An Open edX archive was uploaded: its plan, the report the author confirms."""
    with task_site(site_id):
        run_reading(uuidToObject(folder_uid, unrestricted=True), import_id)


@huey.task()
def create_olx_import(site_id, folder_uid, import_id):
    """The author confirmed an Open edX import: the draft course."""
    with task_site(site_id):
        run_creation(uuidToObject(folder_uid, unrestricted=True), import_id)
