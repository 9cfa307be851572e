"""When the worker looks for alerts: every wiki an active session follows, each
quarter of an hour (deletions and blocks are not minute matters), for all the
sessions that follow it at once; each wiki in its own transaction, claimed first in
the database so that two workers never look at once, and a failing wiki loses
nothing of the others."""

from datetime import timedelta
from wikimooc.policy.alerts.storage import next_looks
from wikimooc.policy.alerts.watching import watch_wiki
from wikimooc.policy.tracking.schedule import active_sessions
from wikimooc.policy.tracking.schedule import committed_on_wiki
from wikimooc.policy.tracking.schedule import followed_wikis
from wikimooc.policy.tracking.schedule import parse
from wikimooc.policy.tracking.schedule import wiki_waits
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.transactions import committed


WATCH_INTERVAL = timedelta(minutes=15)


def is_due(host, now):
    due = next_looks().get(host)
    return not due or parse(due) <= now


def claim(host, now):
    """Take the wiki's next look for this worker: its next time is committed first,
    so another worker claiming it at the same moment conflicts and skips it, and one
    that comes later finds it not due."""
    next_looks()[host] = wiki_timestamp(now + WATCH_INTERVAL)
    return committed()


def watch_and_commit(host, sessions, now=None):
    """One look at ``host`` for ``sessions`` in its own transaction: its report, or
    None when the wiki failed (recorded in the wiki's status) or the commit
    conflicted (nothing of it is then stored)."""
    now = now or utc_now()
    return committed_on_wiki(host, now, "Alerts look", lambda: watch_wiki(host, sessions, now))


def run_due_watches(now=None):
    """Look at every wiki an active session follows that is due, once per interval
    however many workers run this at the same time."""
    now = now or utc_now()
    return [
        watch_and_commit(host, sessions, now)
        for host, sessions in sorted(followed_wikis(active_sessions(now.date())).items())
        if is_due(host, now) and not wiki_waits(host, now) and claim(host, now)
    ]
