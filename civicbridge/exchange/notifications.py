"""Events of the exchange. Templates: templates/exchange/email/<event>_{subject,body}.txt (docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from civicbridge.notifications.choices import Channel
from civicbridge.notifications.registry import register_event

BOTH = {Channel.EMAIL, Channel.INAPP}

for key, label, digestible in [
    # Practices: to moderators, then to the authors; to the publisher when someone adopts theirs.
    ("practice_submitted", _("A practice awaits moderation"), True),
    ("practice_published", _("Your practice was published"), False),
    ("practice_returned", _("Your practice was returned with comments"), False),
    ("practice_adopted", _("Another organisation adopted your practice"), True),
    # Partnerships: to the organisation asked, then to the one asking.
    ("request_received", _("An organisation proposes to work together"), False),
    ("request_answered", _("Your partnership request was answered"), False),
]:
    register_event(
        key=f"exchange.{key}",
        label=label,
        template=f"exchange/email/{key}",
        default_channels=BOTH,
        digestible=digestible,
    )
