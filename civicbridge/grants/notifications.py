"""Events of state support. Templates: templates/grants/email/<event>_{subject,body}.txt (see docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from civicbridge.notifications.choices import Channel
from civicbridge.notifications.registry import register_event

BOTH = {Channel.EMAIL, Channel.INAPP}

for key, label, digestible in [
    # To applicants.
    ("application_received", _("Your application was received (receipt)"), False),
    ("eligibility_result", _("Eligibility screening of your application"), False),
    ("decision", _("Decision on your application"), False),
    ("report_reviewed", _("Your report was reviewed"), False),
    ("report_due", _("A grant report is due soon"), True),
    # To experts.
    ("review_assigned", _("An application was assigned to you for review"), True),
    ("reviews_assigned", _("Applications of a call were assigned to you for review"), True),
    ("review_reminder", _("A review is due soon"), False),
    ("review_withdrawn", _("A review was taken away from you"), True),
]:
    register_event(
        key=f"grants.{key}",
        label=label,
        template=f"grants/email/{key}",
        default_channels=BOTH,
        digestible=digestible,
    )
