"""Jobs: eager without a broker; a real Celery worker over Redis when Redis is there."""

import socket
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from celery import Celery, _state
from celery.contrib.testing.worker import start_worker

from civicbridge.core.tasks import verify_audit_chain

REDIS = "redis://127.0.0.1:6379/15"


def redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@contextmanager
def project_app_kept() -> Iterator[None]:
    """Leave the project's Celery app current and default afterwards.

    `set_as_current=False` keeps the test app from taking over when it is created, but `start_worker` makes its app
    the current *and* the default one (celery.contrib.testing.worker.setup_app_for_worker) and never undoes it; the
    shared tasks of later tests in this process would then go to Redis instead of running eagerly.
    """
    current, default = _state.get_current_app(), _state.default_app
    try:
        yield
    finally:
        current.set_current()
        _state.set_default_app(default)


@pytest.mark.django_db
def test_jobs_run_eagerly_without_a_broker(moderator):
    result = verify_audit_chain.delay()
    assert result.get() == {"ok": True, "first_bad": None}


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_jobs_over_redis(moderator):
    """The same task body, sent through Redis to a real worker (a separate app object, so the eager default stays)."""
    if not redis_up():
        pytest.fail("Redis is not running on 127.0.0.1:6379 (CI must start it)")
    app = Celery("civicbridge-test", broker=REDIS, backend=REDIS, set_as_current=False)
    task = app.task(name="core.verify_audit_chain")(verify_audit_chain.run)
    with project_app_kept(), start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = task.delay()
        assert result.get(timeout=20) == {"ok": True, "first_bad": None}


@pytest.mark.django_db
def test_the_worker_test_leaves_the_project_app_current():
    """Runs after the worker test (file order): shared tasks still belong to the eager project app."""
    from civicbridge import celery_app

    assert _state.get_current_app() is celery_app
    assert _state.default_app is celery_app
    assert verify_audit_chain.app is celery_app
    assert not _state.task_join_will_block()
    assert verify_audit_chain.delay().get() == {"ok": True, "first_bad": None}
