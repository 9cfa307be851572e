"""``wikimooc-worker``: the task worker process beside the web instances, and the
follower of the wikis' recent changes stream (live mode, ``tracking/live.py``) in a
thread of its own, unless ``--no-stream``.

The queue module reads its URL when first imported, so it is imported only after
zope.conf has set the environment.
"""

from functools import partial
from huey.exceptions import ResultTimeout
from huey.exceptions import TaskException
from wikimooc.policy.site import SITE_ID
from wikimooc.policy.taskqueue import QUEUE_URL_VARIABLE
from wikimooc.policy.tracking.live import StreamFollower
from Zope2.Startup.run import make_wsgi_app

import argparse
import logging
import os
import sys
import threading


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="wikimooc-worker",
        description="Run WikiMOOC's background tasks against a Zope instance.",
    )
    parser.add_argument("zope_conf", help="the instance's etc/zope.conf")
    parser.add_argument(
        "--threads", type=int, default=2, help="tasks run at once (default 2)"
    )
    parser.add_argument(
        "--ping",
        action="store_true",
        help="ask a running worker to answer, print its answer and exit",
    )
    parser.add_argument(
        "--timeout", type=float, default=30, help="seconds --ping waits (default 30)"
    )
    parser.add_argument(
        "--no-stream",
        action="store_true",
        help="do not follow the recent changes stream (another worker does)",
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s [%(name)s] %(message)s"
    )
    # Loads the configuration (its <environment> names the queue) and the ZCML.
    make_wsgi_app({}, args.zope_conf)
    if QUEUE_URL_VARIABLE not in os.environ:
        sys.exit(
            f"{args.zope_conf} sets no {QUEUE_URL_VARIABLE}: render it again"
            " with 'make instance'."
        )
    from wikimooc.policy.taskqueue import tasks
    from wikimooc.policy.taskqueue.queue import huey

    if args.ping:
        try:
            answer = tasks.worker_status(SITE_ID).get(
                blocking=True, timeout=args.timeout
            )
        except ResultTimeout:
            sys.exit(f"No worker answered within {args.timeout:g} s.")
        except TaskException as error:
            sys.exit(f"The worker answered with an error: {error.metadata['error']}")
        print(f"worker {answer['pid']} reached {answer['site']!r} as {answer['user']}")
        return
    if not args.no_stream:
        follower = StreamFollower(SITE_ID, partial(tasks.queue_live_check, SITE_ID))
        threading.Thread(target=follower.run, name="recent-changes", daemon=True).start()
    huey.create_consumer(workers=args.threads, worker_type="thread").run()
