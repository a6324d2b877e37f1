"""Jobs: eager without a broker; a real Celery worker over Redis when Redis is there."""

import socket

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker

from civicbridge.core.tasks import verify_audit_chain

REDIS = "redis://127.0.0.1:6379/15"


def redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.django_db
def test_jobs_run_eagerly_without_a_broker(moderator):
    result = verify_audit_chain.delay()
    assert result.get() == {"ok": True, "first_bad": None}


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_jobs_over_redis(moderator):
    """The same task body, sent through Redis to a real worker (a separate app object, so the eager default stays)."""
    if not redis_up():
        pytest.fail("Redis is not running on 127.0.0.1:6379 (CI must start it)")
    app = Celery("civicbridge-test", broker=REDIS, backend=REDIS)
    task = app.task(name="core.verify_audit_chain")(verify_audit_chain.run)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = task.delay()
        assert result.get(timeout=20) == {"ok": True, "first_bad": None}
