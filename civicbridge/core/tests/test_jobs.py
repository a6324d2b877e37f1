"""Jobs: eager without a broker; a real Celery worker over Redis when Redis is there."""

import socket

import pytest
from celery.contrib.testing.worker import start_worker

from civicbridge import celery_app
from civicbridge.core.tasks import verify_audit_chain


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
def test_a_real_worker_runs_jobs_over_redis(moderator, settings):
    if not redis_up():
        pytest.fail("Redis is not running on 127.0.0.1:6379 (CI must start it)")
    celery_app.conf.update(
        broker_url="redis://127.0.0.1:6379/15", result_backend="redis://127.0.0.1:6379/15", task_always_eager=False
    )
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = verify_audit_chain.delay()
            assert result.get(timeout=20) == {"ok": True, "first_bad": None}
    finally:
        celery_app.conf.update(broker_url="memory://", result_backend=None, task_always_eager=True)
