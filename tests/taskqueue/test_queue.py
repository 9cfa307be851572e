from huey import MemoryHuey
from huey import RedisHuey
from huey import SqliteHuey
from wikimooc.policy.taskqueue import queue_from_url

import pytest


@pytest.fixture
def queue_url(request, tmp_path):
    """Table rows name a storage; this turns the name into a real URL."""
    kind = request.param
    if kind == "sqlite":
        return f"sqlite://{tmp_path}/queue.sqlite"
    if kind == "redis":
        return request.getfixturevalue("redis_url")
    return "memory://"


@pytest.mark.parametrize(
    "queue_url, kind",
    [("sqlite", SqliteHuey), ("redis", RedisHuey), ("memory", MemoryHuey)],
    indirect=["queue_url"],
)
def test_url_chooses_the_storage(queue_url, kind):
    assert type(queue_from_url(queue_url)) is kind


@pytest.mark.parametrize(
    "url, message",
    [
        ("127.0.0.1:6379", "has no scheme"),
        ("sqlite://var/queue.sqlite", "needs an absolute path"),
        ("amqp://127.0.0.1", "the scheme must be sqlite, redis, rediss or memory"),
    ],
)
def test_bad_url_is_refused(url, message):
    with pytest.raises(ValueError, match=message):
        queue_from_url(url)


@pytest.mark.parametrize("queue_url", ["sqlite", "redis"], indirect=True)
def test_a_task_goes_through_the_real_storage(queue_url):
    producer = queue_from_url(queue_url)
    producer.flush()

    @producer.task()
    def add(a, b):
        return a + b

    result = add(2, 3)
    # A second handle on the same storage, as the worker process has.
    consumer = queue_from_url(queue_url)
    consumer._registry = producer._registry
    assert consumer.pending_count() == 1
    consumer.execute(consumer.dequeue())
    assert result.get() == 5
    assert consumer.pending_count() == 0
    producer.flush()
