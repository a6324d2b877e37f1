"""Shared by the tests of concurrent writers: real transactions on PostgreSQL, threads released together."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from celery import _state as celery_state
from django.db import connection, connections

# A module of such tests sets `pytestmark = CONCURRENT_WRITERS`: SQLite serialises every write, so there is no race.
CONCURRENT_WRITERS = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def run_at_once(jobs: list[Callable[[], Any]]) -> tuple[list[Any], list[Exception]]:
    """Run the callables in threads released together; return (results, errors).

    Jobs that run Celery tasks eagerly (a notification after commit) each deny joining results while their task runs,
    through one process-wide flag that each saves and puts back: interleaved, the last one can put back another's
    "denied", and every later `.delay().get()` in this test process would refuse to run. The flag is put back here.
    """
    join_blocks = celery_state.task_join_will_block()
    barrier, results, errors = threading.Barrier(len(jobs)), [], []

    def run(job):
        try:
            barrier.wait()
            results.append(job())
        except Exception as exc:  # noqa: BLE001 -- the caller asserts on them
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    celery_state._set_task_join_will_block(join_blocks)
    return results, errors
