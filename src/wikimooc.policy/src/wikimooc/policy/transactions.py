"""Committing where two workers may claim the same work at once."""

from ZODB.POSException import ConflictError

import transaction


def committed():
    """Commit, or abort and answer False when another worker's commit conflicted
    (the work it claimed is then theirs)."""
    try:
        transaction.commit()
    except ConflictError:
        transaction.abort()
        return False
    return True
