"""Contributions as edit tracking's checker records them, for the programs' tests."""

from wikimooc.policy.tracking.storage import Contribution

import itertools


REVIDS = itertools.count(1000)


def contribution(username, timestamp, title="Sandbox", sizediff=10, new=False, namespace=0,
                 comment="", revid=None):
    """A contribution as the checker records it from ``list=usercontribs``."""
    return Contribution(
        revid=revid or next(REVIDS), parentid=0, username=username, namespace=namespace,
        title=title, timestamp=timestamp, size=max(sizediff, 0), sizediff=sizediff, new=new,
        comment=comment,
    )
