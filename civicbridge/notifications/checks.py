"""System check: every declared event has its subject and body templates."""

from __future__ import annotations

from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from .registry import registered_events


@checks.register(checks.Tags.templates)
def event_templates_exist(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """notifications.E001 names an event whose `<template>_subject.txt` or `<template>_body.txt` is missing."""
    errors = []
    for event in registered_events():
        for name in (event.subject_template, event.body_template):
            try:
                get_template(name)
            except TemplateDoesNotExist:
                errors.append(
                    checks.Error(
                        f"notification event {event.key!r}: template {name!r} not found",
                        hint="Add the template (short text: what happened, what to do next, one link).",
                        id="notifications.E001",
                    )
                )
    return errors
