"""run_at_once leaves the process as it found it, however its threads interleave."""

from __future__ import annotations

import threading

from celery import _state as celery_state
from celery.result import denied_join_result

from .concurrency import run_at_once


def test_interleaved_eager_tasks_do_not_leave_result_joins_denied():
    """Two jobs each run "a task" (deny joins while it runs); the second starts inside the first and ends after it,
    so it puts back the first one's "denied" — the interleaving that made later `.delay().get()` calls fail."""
    first_in, first_out = threading.Event(), threading.Event()

    def first():
        with denied_join_result():
            first_in.set()
            assert first_out.wait(5)

    def second():
        assert first_in.wait(5)
        with denied_join_result():
            first_out.set()
            while not first_done.is_set():
                first_done.wait(0.01)

    first_done = threading.Event()

    def first_then_mark():
        first()
        first_done.set()

    assert not celery_state.task_join_will_block()
    results, errors = run_at_once([first_then_mark, second])
    assert errors == [] and len(results) == 2
    assert not celery_state.task_join_will_block()
