"""Partnership requests between organisations, and the partnerships (memoranda) they lead to."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civicbridge.core.models import TimeStampedModel
from civicbridge.registry.models import Organisation, Theme

from ..choices import RequestStatus
from .listings import Listing


class PartnershipRequest(TimeStampedModel):
    """One organisation asks another to work together, often answering one of its needs or offers."""

    from_organisation = models.ForeignKey(
        Organisation, verbose_name=_("from"), on_delete=models.PROTECT, related_name="partnership_requests_sent"
    )
    to_organisation = models.ForeignKey(
        Organisation, verbose_name=_("to"), on_delete=models.PROTECT, related_name="partnership_requests_received"
    )
    listing = models.ForeignKey(
        Listing,
        verbose_name=_("need or offer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.SENT)
    message = models.TextField(_("message"))
    reply = models.TextField(_("reply"), blank=True)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("partnership request")
        verbose_name_plural = _("partnership requests")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["to_organisation", "status"], name="request_to_status"),
            models.Index(fields=["from_organisation", "status"], name="request_from_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(from_organisation=F("to_organisation")), name="request_not_to_self"),
            # One pending request per pair and direction: asking twice is the same request.
            models.UniqueConstraint(
                fields=["from_organisation", "to_organisation"],
                condition=Q(status=RequestStatus.SENT),
                name="request_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_organisation} → {self.to_organisation}"


class Partnership(TimeStampedModel):
    """A recorded partnership: a memorandum between two or more organisations, with its dates, themes and file."""

    file_view_perm = "exchange.view_partnership"
    file_attach_perm = "exchange.change_partnership"

    title = models.CharField(_("title"), max_length=300)
    parties = models.ManyToManyField(Organisation, verbose_name=_("parties"), related_name="partnerships")
    request = models.OneToOneField(
        PartnershipRequest,
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnership",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_on = models.DateField(_("signed on"))
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="partnerships")
    description = models.TextField(_("what the parties agreed"), blank=True)
    document = models.ForeignKey(
        "files.StoredFile",
        verbose_name=_("memorandum (file)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="partnership_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:partnership", args=[self.pk])
