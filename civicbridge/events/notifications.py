"""Events of events. Templates: templates/events/email/<event>_{subject,body}.txt (docs/notifications.md).

The events of delegations and outcomes follow at the end of this file.
"""

from django.utils.translation import gettext_lazy as _

from civicbridge.notifications.choices import Channel
from civicbridge.notifications.registry import register_event

BOTH = {Channel.EMAIL, Channel.INAPP}

for key, label in [
    # Registration: to the participant.
    ("registration_confirmed", _("Your seat at an event is confirmed")),
    ("registration_waitlisted", _("You are on an event's waitlist")),
    ("registration_promoted", _("A seat came free: your registration is confirmed")),
    ("event_reminder", _("An event you registered for starts soon")),
    ("event_cancelled", _("An event you registered for was cancelled")),
]:
    register_event(
        key=f"events.{key}",
        label=label,
        template=f"events/email/{key}",
        default_channels=BOTH,
        digestible=False,
    )


# Outcomes: to the editors of the organisation responsible for a commitment.
for key, label in [
    ("commitment_assigned", _("Your organisation is responsible for an event's commitment")),
    ("commitment_due_soon", _("A commitment of your organisation is due soon")),
]:
    register_event(
        key=f"events.{key}",
        label=label,
        template=f"events/outcomes/email/{key}",
        default_channels=BOTH,
        digestible=True,
    )
