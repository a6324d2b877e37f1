"""Reads of applications: the applicant's own list, one application with all its parts, who applies for an org."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from civicbridge.accounts.rules import organisations_edited_by

from ..models import Activity, Application, ApplicationDocument, ApplicationPartner, Call, TeamMember


def my_applications(user) -> QuerySet[Application]:
    """The applications of every organisation the user edits, newest first, ready for a list page."""
    org_ids = organisations_edited_by(user)
    return (
        Application.objects.filter(organisation_id__in=org_ids)
        .select_related("call__programme", "organisation")
        .order_by("-updated_at", "-id")
    )


def application_detail() -> QuerySet[Application]:
    """Applications with every part the `_body.html` include shows, in a fixed number of queries.

    Never prefetches reviews, scores or experts: the body is shown to applicants and experts alike.
    """
    return Application.objects.select_related(
        "call__programme", "organisation__country", "organisation__region", "region", "band", "created_by"
    ).prefetch_related(
        "themes",
        "tasks",
        Prefetch("activities", queryset=Activity.objects.select_related("task")),
        "indicators",
        Prefetch("partners", queryset=ApplicationPartner.objects.select_related("organisation")),
        Prefetch("team", queryset=TeamMember.objects.select_related("person")),
        "budget_lines",
        Prefetch("documents", queryset=ApplicationDocument.objects.select_related("required_document", "file")),
    )


def applications_of_organisation_for_call(*, organisation, call: Call) -> QuerySet[Application]:
    """The organisation's applications to one call (drafts included), for "you already have a draft" hints."""
    return Application.objects.filter(organisation=organisation, call=call).order_by("-id")
