"""The queue itself, built when this module is first imported.

Its storage comes from ``WIKIMOOC_TASKQUEUE_URL``, which the rendered zope.conf sets
from instance.yaml: ``sqlite:///<absolute path>`` (the embedded default, under the
instance's ``var/``) or ``redis://host:port/db``. Without it (unit tests) tasks wait
in memory.
"""

from wikimooc.policy.taskqueue import queue_from_url
from wikimooc.policy.taskqueue import QUEUE_URL_VARIABLE

import os
import transaction


huey = queue_from_url(os.environ.get(QUEUE_URL_VARIABLE, "memory://"))


def enqueue_after_commit(task, *args):
    """Queue ``task(*args)`` when the current transaction commits; an aborted
    transaction queues nothing."""

    def enqueue(committed):
        if committed:
            task(*args)

    transaction.get().addAfterCommitHook(enqueue)
