"""Scheduled jobs of the files mechanism."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task

from . import services


@shared_task(name="files.purge_orphans")
def purge_orphans(max_age_hours: float | None = None) -> dict[str, int]:
    """Daily: delete uploads never attached, files whose owner is gone, and blobs left by rolled-back transactions."""
    older_than = timedelta(hours=max_age_hours) if max_age_hours is not None else None
    return services.purge_orphans(older_than=older_than)
