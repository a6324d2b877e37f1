"""A citizen's issue: raised at a meeting or sent online, routed to a responsible body, tracked to an answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicbridge.core.models import TimeStampedModel
from civicbridge.registry.models import Country, Organisation, Region, Theme

from ..choices import OPEN_STATUSES, AppealStatus, Channel, HideReason
from .categories import Category

NO_CONTACTS = Q(contact_name="", contact_email="", contact_phone="")


class Appeal(TimeStampedModel):
    """«Обращение граждан». Public pages show it without personal data (public_name, public_text, hidden_*)."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="ru")
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="appeals")
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.SET_NULL, related_name="appeals"
    )
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="appeals")
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="appeals"
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("raised at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    status = models.CharField(_("status"), max_length=12, choices=AppealStatus.choices, default=AppealStatus.NEW)
    responsible = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    public_name = models.CharField(
        _("name shown publicly"),
        max_length=100,
        blank=True,
        help_text=_("A first name or initials; blank if anonymous."),
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_consent_at = models.DateTimeField(_("consent to be contacted given"), null=True, blank=True)
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    overdue_notified_at = models.DateTimeField(
        _("overdue digest sent"), null=True, blank=True, editable=False
    )  # stamped by tasks.send_overdue_digests in the transaction that sends it
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by_organisation = models.ForeignKey(
        Organisation, verbose_name=_("answered by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    supporters_count = models.PositiveIntegerField(_("supporters"), default=0)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=20, choices=HideReason.choices, blank=True)
    hidden_note = models.TextField(_("moderator's note"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    public_text = models.TextField(
        _("public text"), blank=True, help_text=_("The text with personal data removed; shown publicly when set.")
    )
    search_text = models.TextField(_("normalised text"), blank=True, editable=False)

    class Meta:
        verbose_name = _("citizens' issue")
        verbose_name_plural = _("citizens' issues")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contact_consent_at__isnull=False) | NO_CONTACTS, name="appeal_contacts_need_consent"
            ),
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(public_name=""), name="appeal_anonymous_no_name"
            ),
            models.CheckConstraint(
                condition=~Q(status=AppealStatus.ANSWERED) | Q(answered_at__isnull=False),
                name="appeal_answered_has_time",
            ),
            models.CheckConstraint(condition=~Q(merged_into=models.F("pk")), name="appeal_not_merged_into_itself"),
        ]
        indexes = [
            models.Index(
                "region", "status", models.F("created_at").desc(), models.F("id").desc(), name="appeal_reg_st"
            ),
            models.Index("status", models.F("created_at").desc(), models.F("id").desc(), name="appeal_st_created"),
            models.Index(fields=["responsible", "status", "due_at"], name="appeal_resp_st_due"),
            models.Index(fields=["status", "due_at"], name="appeal_st_due"),
            models.Index(fields=["theme", "status"], name="appeal_theme_st"),
            models.Index(fields=["category", "status"], name="appeal_cat_st"),
            models.Index("country", "status", models.F("created_at").desc(), name="appeal_country_st"),
            models.Index(fields=["event"], name="appeal_event"),
            # The tracker and the API unfiltered, and by region alone: a range scan in the list's order.
            models.Index(models.F("created_at").desc(), models.F("id").desc(), name="appeal_created"),
            models.Index("region", models.F("created_at").desc(), models.F("id").desc(), name="appeal_reg_created"),
            # The moderators' "Hidden" tab: a few rows of 1,000,000.
            models.Index(
                models.F("hidden_at").desc(),
                models.F("id").desc(),
                condition=Q(hidden_at__isnull=False),
                name="appeal_hidden",
            ),
            models.Index(
                fields=["due_at"],
                condition=Q(overdue_notified_at__isnull=True, status__in=OPEN_STATUSES, responsible__isnull=False),
                name="appeal_overdue_unnotified",
            ),
        ]

    def __str__(self) -> str:
        return f"№{self.pk} {self.title}"

    def get_absolute_url(self) -> str:
        """The public tracker's page of the issue."""
        return reverse("appeals:detail", args=[self.pk])

    @property
    def number(self) -> int:
        return self.pk

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        """Still owed an answer and past its due date."""
        return self.is_open and self.due_at is not None and self.due_at < timezone.now()

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def shown_text(self) -> str:
        """What public pages show (before moderation hiding, which the public templates apply)."""
        return self.public_text or self.text


class Supporter(models.Model):
    """«Me too»: a signed-in person supports an issue (count kept in Appeal.supporters_count by the service)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="supporters")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supported_appeals")
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("supporter")
        verbose_name_plural = _("supporters")
        constraints = [models.UniqueConstraint(fields=["appeal", "user"], name="appeal_supporter_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.appeal_id}"
