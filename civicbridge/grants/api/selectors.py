"""What each person may read, as queries: the grants rules (grants/rules.py) turned into querysets for the API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from civicbridge.accounts.rules import organisations_edited_by

from .. import models as m
from ..choices import CallStatus, ReviewStatus
from ..rules import organisations_run_by


def _is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def _runs(user, prefix: str) -> Q:
    """Rows whose programme (reached through `prefix`) is run by one of the user's organisations."""
    orgs = organisations_run_by(user)
    return Q(**{f"{prefix}funder_id__in": orgs}) | Q(**{f"{prefix}operator_id__in": orgs})


def visible_programmes(user) -> QuerySet[m.Programme]:
    """Every programme: programmes are public (their calls say what is open)."""
    return m.Programme.objects.select_related("funder", "operator").prefetch_related("themes").order_by("-id")


def visible_calls(user) -> QuerySet[m.Call]:
    """Calls the public may read (all but drafts), plus the drafts of programmes the user runs; admins see all."""
    calls = m.Call.objects.select_related("programme__funder").prefetch_related("themes")
    if _is_admin(user):
        return calls
    scope = ~Q(status=CallStatus.DRAFT)
    if organisations_run_by(user):
        scope |= _runs(user, "programme__")
    return calls.filter(scope)


def call_detail(user) -> QuerySet[m.Call]:
    """A call with its bands, terms, rubric, documents and eligibility rules, in a fixed number of queries."""
    return visible_calls(user).prefetch_related(
        "bands",
        "duration_terms",
        "criteria",
        "required_documents",
        "eligible_countries",
        "eligible_regions",
        "eligible_legal_forms",
    )


def visible_applications(user) -> QuerySet[m.Application]:
    """The rule `grants.view_application` as a query: the user's organisations' applications, those of calls the
    user runs, and those the user holds an open or submitted review of. Anonymous users see none."""
    applications = m.Application.objects.select_related("call__programme", "organisation")
    if not user or not user.is_authenticated:
        return applications.none()
    if _is_admin(user):
        return applications
    scope = Q(organisation_id__in=organisations_edited_by(user))
    if organisations_run_by(user):
        scope |= _runs(user, "call__programme__")
    reviewed = m.Review.objects.filter(expert=user, status__in=[ReviewStatus.ASSIGNED, ReviewStatus.SUBMITTED]).values(
        "application_id"
    )
    return applications.filter(scope | Q(pk__in=reviewed))


def visible_reviews(user) -> QuerySet[m.Review]:
    """The rule `grants.view_review` as a query: the expert's own reviews, and the reviews of calls the user runs."""
    reviews = m.Review.objects.select_related("application__call__programme").order_by("due_at", "id")
    if not user or not user.is_authenticated:
        return reviews.none()
    if _is_admin(user):
        return reviews
    scope = Q(expert=user)
    if organisations_run_by(user):
        scope |= _runs(user, "application__call__programme__")
    return reviews.filter(scope)
