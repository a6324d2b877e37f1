"""Public reads of citizens' issues: the tracker's list and filters, an issue's page with its full history, and what
public pages and the API may show of an issue's text.

Nothing here reads a contact field or an author's name: public pages show `public_name` (blank when anonymous),
`public_text` when a moderator set it, and «hidden by a moderator» with the reason in place of a hidden issue's words.
Lists read only the columns a row shows (`.only`), and count at most COUNT_CAP rows (a million issues must not be
counted on every page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

import django_filters
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civicbridge.core.workflow import history_for
from civicbridge.registry.models import Country, Organisation, Region, Theme

from ..choices import AppealStatus, HideReason
from ..models import Appeal, Category, Transfer

#: The tracker counts matching issues up to this number and says «more than …» beyond it.
COUNT_CAP = 10_000
PER_PAGE = 20

#: What a row of the tracker (and of the API's list) reads: no texts beyond the title, no contacts.
ROW_FIELDS = (
    "id",
    "title",
    "status",
    "created_at",
    "due_at",
    "answered_at",
    "supporters_count",
    "hidden_at",
    "hidden_reason",
    "merged_into_id",
    "is_anonymous",
    "public_name",
    "channel",
    "country_id",
    "region_id",
    "event_id",
    "theme_id",
    "category__id",
    "category__code",
    "category__name",
    "category__name_ru",
    "category__name_kk",
    "category__name_en",
    "theme__id",
    "theme__code",
    "region__code",
    "region__name",
    "region__name_ru",
    "region__name_kk",
    "region__name_en",
    "responsible__id",
    "responsible__name",
    "responsible__name_ru",
    "responsible__name_kk",
    "responsible__name_en",
)


# --- what the public may read of an issue ---------------------------------------------------------------------------


def hidden_notice(appeal: Appeal) -> str:
    """«Hidden by a moderator: personal data» — what public pages show instead of a hidden issue's words."""
    reason = HideReason(appeal.hidden_reason).label if appeal.hidden_reason in HideReason.values else ""
    if reason:
        return gettext("Hidden by a moderator: %(reason)s") % {"reason": reason}
    return gettext("Hidden by a moderator")


def public_title(appeal: Appeal) -> str:
    return hidden_notice(appeal) if appeal.hidden_at else appeal.title


def public_body(appeal: Appeal) -> str:
    """The moderator's edited text when there is one, else the citizen's; nothing of a hidden issue."""
    if appeal.hidden_at:
        return ""
    return appeal.public_text or appeal.text


def public_answer(appeal: Appeal) -> str:
    return "" if appeal.hidden_at else appeal.answer


def public_author(appeal: Appeal) -> str:
    """The name the citizen chose to show (a first name or initials), never the contact name; blank if anonymous."""
    return "" if appeal.is_anonymous else appeal.public_name


# --- the tracker ----------------------------------------------------------------------------------------------------


def tracker() -> QuerySet[Appeal]:
    """Every issue, newest first, with what a row shows (merged ones stay listed and point to the main issue)."""
    return (
        Appeal.objects.select_related("category", "theme", "region", "responsible")
        .only(*ROW_FIELDS)
        .order_by("-created_at", "-id")
    )


class AppealFilterSet(django_filters.FilterSet):
    """The tracker's filters, for the page and the API: place, status, category, theme, responsible party, event."""

    country = django_filters.ModelChoiceFilter(label=_("Country"), queryset=Country.objects.order_by("code"))
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=Region.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AppealStatus.choices)
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=Category.objects.all(), to_field_name="code"
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.order_by("order", "code"), to_field_name="code"
    )
    responsible = django_filters.NumberFilter(label=_("Responsible organisation (id)"), field_name="responsible_id")
    event = django_filters.NumberFilter(label=_("Event (id)"), field_name="event_id")

    class Meta:
        model = Appeal
        fields = ["country", "region", "status", "category", "theme", "responsible", "event"]


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` rows: `count` is exact up to the cap, `capped` says when there are
    more. Pages past the cap are not offered (newest first, nobody pages through ten thousand issues)."""

    def __init__(self, object_list, per_page, cap: int = COUNT_CAP, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def _capped_count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return self.object_list.order_by()[: self.cap + 1].count()
        return min(len(self.object_list), self.cap + 1)

    @cached_property
    def count(self) -> int:
        return min(self._capped_count, self.cap)

    @property
    def capped(self) -> bool:
        return self._capped_count > self.cap


def capped_page(request: HttpRequest, items, per_page: int = PER_PAGE) -> Page:
    return CappedPaginator(items, per_page).get_page(request.GET.get("page"))


# --- an issue's page ------------------------------------------------------------------------------------------------


def appeal_detail() -> QuerySet[Appeal]:
    """An issue with what its public page shows (never its contacts or its author's account)."""
    return Appeal.objects.select_related(
        "category", "theme", "country", "region", "event", "responsible", "answered_by_organisation", "merged_into"
    ).defer("contact_name", "contact_email", "contact_phone", "search_text")


def merged_here(appeal: Appeal) -> QuerySet[Appeal]:
    """The issues merged into this one (their pages point here)."""
    return appeal.merged.only("id", "title", "hidden_at", "hidden_reason", "created_at").order_by("created_at", "id")


def transfers_of(appeal: Appeal) -> QuerySet[Transfer]:
    """The routing trail: from which organisation to which, why, when (organisation names only, no people)."""
    return appeal.transfers.select_related("from_organisation", "to_organisation").order_by("created_at", "id")


@dataclass
class Step:
    """One line of an issue's public history: a status change or a transfer, in time order."""

    at: datetime
    kind: str  # "status" | "transfer"
    action: str = ""
    target: str = ""
    target_label: str = ""
    reason: str = ""
    from_organisation: Organisation | None = None
    to_organisation: Organisation | None = None


#: Status changes whose reason is written by staff and shown publicly (a citizen's own words on reopening are not).
PUBLIC_REASONS = {"decline", "merge"}


def public_history(appeal: Appeal, transfers: list[Transfer] | None = None) -> list[Step]:
    """Status changes and transfers, oldest first; no names of people (staff or citizens) and, for a hidden issue,
    no reasons either."""
    labels = dict(AppealStatus.choices)
    steps = [
        Step(
            at=entry.at,
            kind="status",
            action=entry.action,
            target=entry.target,
            target_label=str(labels.get(entry.target, entry.target)),
            reason=entry.reason if entry.action in PUBLIC_REASONS and not appeal.hidden_at else "",
        )
        for entry in history_for(appeal).select_related(None).only("id", "action", "target", "reason", "at")
    ]
    for transfer in transfers if transfers is not None else transfers_of(appeal):
        steps.append(
            Step(
                at=transfer.created_at,
                kind="transfer",
                reason="" if appeal.hidden_at else transfer.reason,
                from_organisation=transfer.from_organisation,
                to_organisation=transfer.to_organisation,
            )
        )
    return sorted(steps, key=lambda step: (step.at, 0 if step.kind == "transfer" else 1))


def categories() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).select_related("theme").order_by("order", "code")


def appeals_with_transfers() -> QuerySet[Appeal]:
    """The API's detail: an issue with its routing trail prefetched."""
    return appeal_detail().prefetch_related(
        Prefetch("transfers", queryset=Transfer.objects.select_related("from_organisation", "to_organisation"))
    )
