from AccessControl import getSecurityManager
from wikimooc.policy.taskqueue.queue import huey
from wikimooc.policy.taskqueue.site import task_site

import os


@huey.task()
def worker_status(site_id):
    """Answer ``wikimooc-worker --ping``: proves a worker runs and reaches the site."""
    with task_site(site_id) as site:
        return {
            "site": site.Title(),
            "user": getSecurityManager().getUser().getId(),
            "pid": os.getpid(),
        }
