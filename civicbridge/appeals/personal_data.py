"""What citizens' issues hold about a user, for the «download my data» file and erasure (registered in apps.py).

Erasure keeps the issues — they are public records of what was asked and answered — but anonymised: the contact
fields and the public name are blanked, the author is unlinked, and the person's "me too" supports are removed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, F

from .models import Appeal, Supporter


def _when(value) -> str | None:
    return value.isoformat() if value else None


def export(user) -> dict[str, Any]:
    appeals = Appeal.objects.filter(author=user).select_related("category", "responsible", "region").order_by("id")
    return {
        "citizens_issues": [
            {
                "number": a.pk,
                "title": a.title,
                "text": a.text,
                "category": a.category.code,
                "country": a.country_id,
                "region": a.region_id,
                "status": a.status,
                "responsible": str(a.responsible) if a.responsible else None,
                "anonymous": a.is_anonymous,
                "public_name": a.public_name,
                "contact_name": a.contact_name,
                "contact_email": a.contact_email,
                "contact_phone": a.contact_phone,
                "contact_consent_at": _when(a.contact_consent_at),
                "created_at": _when(a.created_at),
                "answer": a.answer,
                "answered_at": _when(a.answered_at),
            }
            for a in appeals
        ],
        "citizens_issues_supported": list(
            Supporter.objects.filter(user=user).order_by("id").values_list("appeal_id", flat=True)
        ),
    }


@transaction.atomic
def erase(*, user) -> None:
    Appeal.objects.filter(author=user).update(
        author=None, public_name="", contact_name="", contact_email="", contact_phone="", contact_consent_at=None
    )
    supports = Supporter.objects.filter(user=user)
    counts = supports.values("appeal_id").annotate(n=Count("id")).values_list("appeal_id", "n")
    for appeal_id, n in counts:
        Appeal.objects.filter(pk=appeal_id, supporters_count__gte=n).update(supporters_count=F("supporters_count") - n)
    supports.delete()
