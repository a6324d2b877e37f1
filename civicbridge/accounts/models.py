"""Users (e-mail login), their roles in organisations, and consent records."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ORGANISATION_ROLES, ConsentPurpose, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    language = models.CharField(_("interface language"), max_length=5, choices=settings.LANGUAGES, default="ru")
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Almaty")
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Membership(models.Model):
    """A role a user holds, tied to an organisation where the role needs one."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="user_memberships",
    )
    since = models.DateField(_("since"), default=timezone.localdate)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organisation"], name="membership_unique_role_per_org"),
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(organisation__isnull=True), name="membership_unique_global_role"
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(role__in=sorted(r.value for r in ORGANISATION_ROLES)),
                name="membership_org_role_needs_org",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}" + (f" ({self.organisation})" if self.organisation_id else "")


class Consent(models.Model):
    """A record that a user gave (or withdrew) consent for one purpose, with the text version they saw."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=30, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("granted"))
    text_version = models.CharField(_("text version"), max_length=20, default="2026-11")
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "purpose", "-at"], name="consent_latest_idx")]

    def __str__(self) -> str:
        return f"{self.user}: {self.purpose} = {self.granted}"
