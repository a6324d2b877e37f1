"""CivicBridge: the civil-society cooperation platform."""

from config.celery import app as celery_app

__all__ = ["celery_app"]
