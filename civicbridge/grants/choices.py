"""Fixed vocabularies of state support: instruments, levels, statuses, outcomes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Instrument(models.TextChoices):
    GRANT = "grant", _("grant")
    SOCIAL_ORDER = "social_order", _("state social order")
    AWARD = "award", _("award")
    STRATEGIC_PARTNERSHIP = "strategic_partnership", _("strategic partnership")


class Level(models.TextChoices):
    NATIONAL = "national", _("national")
    REGIONAL = "regional", _("regional")
    LOCAL = "local", _("local")
    CROSS_BORDER = "cross_border", _("cross-border")


class Currency(models.TextChoices):
    KZT = "KZT", _("tenge (KZT)")
    RUB = "RUB", _("rouble (RUB)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("euro (EUR)")
    KGS = "KGS", _("som (KGS)")
    UZS = "UZS", _("sum (UZS)")
    BYN = "BYN", _("Belarusian rouble (BYN)")


class CallStatus(models.TextChoices):
    """Where a call stands administratively. Whether it accepts applications now is computed from its dates."""

    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    IN_REVIEW = "in_review", _("expert review")
    RESULTS_PUBLISHED = "results_published", _("results published")
    CANCELLED = "cancelled", _("cancelled")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    WITHDRAWN = "withdrawn", _("withdrawn")
    ELIGIBLE = "eligible", _("eligible")
    INELIGIBLE = "ineligible", _("ineligible")
    IN_REVIEW = "in_review", _("under expert review")
    REVIEWED = "reviewed", _("reviewed")
    AWARDED = "awarded", _("awarded")
    WAITLISTED = "waitlisted", _("waitlisted")
    REJECTED = "rejected", _("rejected")


class ReviewStatus(models.TextChoices):
    ASSIGNED = "assigned", _("assigned")
    SUBMITTED = "submitted", _("submitted")
    CONFLICT = "conflict", _("conflict of interest declared")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Outcome(models.TextChoices):
    # A context of their own: "award" is also an instrument (a prize), which Russian and Kazakh name differently.
    AWARD = "award", pgettext_lazy("decision outcome", "award")
    REJECT = "reject", pgettext_lazy("decision outcome", "reject")
    WAITLIST = "waitlist", pgettext_lazy("decision outcome", "waitlist")


class AgreementStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    CLOSED = "closed", _("closed")
    TERMINATED = "terminated", _("terminated")


class ProjectRating(models.TextChoices):
    SUCCESSFUL = "successful", _("successful")
    SATISFACTORY = "satisfactory", _("satisfactory")
    UNSUCCESSFUL = "unsuccessful", _("unsuccessful")


class ReportKind(models.TextChoices):
    NARRATIVE = "narrative", _("narrative report")
    FINANCIAL = "financial", _("financial report")


class ReportStatus(models.TextChoices):
    DUE = "due", _("due")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for revision")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class BudgetCategory(models.TextChoices):
    STAFF = "staff", _("staff and fees")
    TRAVEL = "travel", _("travel")
    EVENTS = "events", _("events and venues")
    EQUIPMENT = "equipment", _("equipment")
    PUBLICATIONS = "publications", _("publications and media")
    SERVICES = "services", _("services")
    ADMIN = "admin", _("administration")
    OTHER = "other", _("other")


class EligibilityRule(models.TextChoices):
    """The automatic checks of a call's eligibility rules; each leaves one recorded result per application."""

    COUNTRY = "country", _("country")
    LEGAL_FORM = "legal_form", _("legal form")
    KIND = "kind", _("kind of organisation")
    AGE = "age", _("time since registration")
    REGION = "region", _("region")
    OVERDUE_REPORTS = "overdue_reports", _("no overdue grant reports")
    ACTIVE_GRANTS = "active_grants", _("active grants")
    STATUS = "status", _("organisation is active")
