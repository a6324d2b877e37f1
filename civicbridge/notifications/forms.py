"""The preferences form: for each event, website and e-mail on or off, and e-mail at once or in a daily digest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps

from .registry import Event
from .selectors import Delivery

OPTIONS = ("inapp", "email", "digest")


def field_name(event: Event, option: str) -> str:
    """A form field name for an event key and an option ('grants.x' → 'grants-x--email')."""
    return f"{event.key.replace('.', '-')}--{option}"


class PreferencesForm(forms.Form):
    """One checkbox per event and option; the digest box only for events that allow a digest."""

    def __init__(self, *args: Any, events: list[Event], current: dict[str, Delivery], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.events = events
        for event in events:
            choice = current[event.key]
            for option in OPTIONS:
                if option == "digest" and not event.digestible:
                    continue
                self.fields[field_name(event, option)] = forms.BooleanField(
                    required=False, label=event.label, initial=getattr(choice, option)
                )

    def rows(self) -> list[dict[str, Any]]:
        """Table rows grouped by module: [{"module": name, "events": [{"event", "inapp", "email", "digest"}]}]."""
        groups: dict[str, dict[str, Any]] = {}
        for event in self.events:
            group = groups.setdefault(event.app_label, {"module": _module_name(event.app_label), "events": []})
            group["events"].append(
                {
                    "event": event,
                    **{
                        option: self[field_name(event, option)]
                        for option in OPTIONS
                        if field_name(event, option) in self.fields
                    },
                }
            )
        return list(groups.values())

    def choices(self) -> dict[str, dict[str, bool]]:
        """{event key: {"inapp", "email", "digest"}} for services.preferences_set (after is_valid)."""
        return {
            event.key: {option: bool(self.cleaned_data.get(field_name(event, option))) for option in OPTIONS}
            for event in self.events
        }


def _module_name(app_label: str) -> str:
    try:
        return str(apps.get_app_config(app_label).verbose_name)
    except LookupError:
        return app_label
