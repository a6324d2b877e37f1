"""The notifications app's own event: the test message an administrator sends to check the e-mail settings."""

from django.utils.translation import gettext_lazy as _

from .choices import Channel
from .registry import register_event

register_event(
    key="notifications.test_message",
    label=_("Test message"),
    template="notifications/email/test_message",
    default_channels={Channel.EMAIL, Channel.INAPP},
    digestible=False,
    mandatory=True,
)
