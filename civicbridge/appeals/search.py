"""What the platform search knows of citizens' issues: the public title and text, never a contact or a name.

An issue hidden by a moderator is left out (taken out of the index when it is hidden); the text is the moderator's
edited public text when there is one. Issues are in the citizen's language only.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from civicbridge.core import search
from civicbridge.core.text import LANGUAGES
from civicbridge.registry.search import place

from .models import Appeal


def _in(language: str, text: str) -> dict[str, str]:
    return {code: text if code == language else "" for code in LANGUAGES}


def appeal_document(appeal: Appeal) -> search.Document | None:
    """Title (title) and the public text (summary), in the issue's language; facets theme, country, region."""
    if appeal.hidden_at is not None:
        return None
    language = appeal.language if appeal.language in LANGUAGES else "ru"
    body = dict.fromkeys(LANGUAGES, "")
    if appeal.category_id:
        body = {code: getattr(appeal.category, f"name_{code}", "") or "" for code in LANGUAGES}
    return search.Document(
        kind="appeal",
        title=_in(language, appeal.title),
        summary=_in(language, appeal.public_text or appeal.text),
        body=body,
        facets={
            "theme": [appeal.theme.code] if appeal.theme_id else [],
            "country": [appeal.country_id],
            "region": [appeal.region_id] if appeal.region_id else [],
        },
        original_language=language,
    )


def appeal_card(appeal: Appeal) -> search.Card:
    return search.Card(
        title=f"№{appeal.pk} {appeal.title}",
        url=appeal.get_absolute_url(),
        organisation=appeal.responsible,
        place=place(appeal.country, appeal.region),
    )


search.register(
    Appeal,
    document=appeal_document,
    present=appeal_card,
    kinds={"appeal": _("Citizens' issue")},
    queryset=lambda: (
        Appeal.objects.filter(hidden_at__isnull=True)
        .select_related("category", "theme", "country", "region", "responsible")
        .defer("contact_name", "contact_email", "contact_phone", "search_text")
    ),
)
