"""The task queue shared by the web instances and the worker (huey)."""

from huey import Huey
from huey import MemoryHuey
from huey import RedisHuey
from huey import SqliteHuey


QUEUE_NAME = "wikimooc"
QUEUE_URL_VARIABLE = "WIKIMOOC_TASKQUEUE_URL"


def queue_from_url(url: str) -> Huey:
    scheme, separator, location = url.partition("://")
    if not separator:
        raise ValueError(f"task queue URL {url!r} has no scheme")
    if scheme == "sqlite":
        if not location.startswith("/"):
            raise ValueError(f"task queue URL {url!r} needs an absolute path")
        return SqliteHuey(QUEUE_NAME, filename=location)
    if scheme in ("redis", "rediss"):
        return RedisHuey(QUEUE_NAME, url=url)
    if scheme == "memory":
        return MemoryHuey(QUEUE_NAME)
    raise ValueError(
        f"task queue URL {url!r}: the scheme must be sqlite, redis, rediss or memory"
    )

