"""What the grants module holds about a user, for the «download my data» file (registered in apps.py).

There is no eraser on purpose: applications and reviews are the record behind public funding decisions, which the
funder must keep. Erasure anonymises the account (accounts.services.user_erase), so these rows stop naming anyone.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from .models import Application, ConflictDeclaration, ExpertProfile, Review, Score


def _when(value) -> str | None:
    return value.isoformat() if value else None


def export(user) -> dict[str, Any]:
    applications = Application.objects.filter(created_by=user).select_related("call", "organisation").order_by("id")
    reviews = (
        Review.objects.filter(expert=user)
        .select_related("application")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion").order_by("id")))
        .order_by("id")
    )
    profile = ExpertProfile.objects.filter(user=user).prefetch_related("themes", "regions").first()
    return {
        "grant_applications_created": [
            {
                "call": a.call.code,
                "organisation": str(a.organisation),
                "title": a.title,
                "status": a.status,
                "receipt_number": a.receipt_number,
                "submitted_at": _when(a.submitted_at),
            }
            for a in applications
        ],
        "grant_expert_profile": None
        if profile is None
        else {
            "themes": [theme.code for theme in profile.themes.all()],
            "regions": [region.code for region in profile.regions.all()],
            "languages": profile.languages,
            "max_load": profile.max_load,
            "in_the_pool": profile.is_active,
        },
        "grant_reviews": [
            {
                "application": str(r.application),
                "status": r.status,
                "submitted_at": _when(r.submitted_at),
                "total": str(r.total) if r.total is not None else None,
                "comment": r.comment,
                "scores": [
                    {"criterion": s.criterion.name, "mark": s.value, "comment": s.comment} for s in r.scores.all()
                ],
            }
            for r in reviews
        ],
        "grant_conflicts_declared": [
            {"application": str(c.application), "reason": c.reason, "declared_at": _when(c.declared_at)}
            for c in ConflictDeclaration.objects.filter(expert=user).select_related("application").order_by("id")
        ],
    }
