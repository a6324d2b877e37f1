"""Reads of practices and adoptions: the public library, a practice page with its spread, an organisation's
practices, the moderation queue, and who hears about what (notification recipients).

Every list is a queryset with its relations joined or prefetched, so a page costs the same few queries however many
rows it shows. The one filterset (`PracticeFilterSet`) serves the library page and the API alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import django_filters
from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from civicbridge.accounts.choices import Role
from civicbridge.accounts.rules import has_role, organisations_edited_by
from civicbridge.core.text import LANGUAGES
from civicbridge.core.workflow import history_for
from civicbridge.registry.models import Country, Organisation, Region, Theme

from ..choices import PracticeStatus
from ..models import Adoption, Practice, PracticeDocument, TargetGroup
from ..workflow import PRACTICE_WORKFLOW

TEXT_FIELDS = ("title", "problem", "solution", "steps", "resources", "results")


# --- querysets ------------------------------------------------------------------------------------------------------


def _adoption_count() -> Coalesce:
    """How many adoptions a practice has, as a subquery (a join would multiply rows with the theme filters)."""
    counts = (
        Adoption.objects.filter(practice=OuterRef("pk"))
        .order_by()
        .values("practice")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def _listed(queryset: QuerySet[Practice]) -> QuerySet[Practice]:
    """What a list row shows: organisation, place, themes and the adoption count."""
    return (
        queryset.select_related("organisation", "country", "region")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("order", "code")))
        .annotate(adoption_count=_adoption_count())
    )


def library() -> QuerySet[Practice]:
    """The public library: published practices, newest first, with their adoption counts."""
    return _listed(Practice.objects.filter(status=PracticeStatus.PUBLISHED)).order_by("-published_at", "-id")


def visible_practices(user) -> QuerySet[Practice]:
    """The rule `exchange.view_practice` as a query: published ones, the user's organisations' own, and every
    practice for moderators and administrators."""
    practices = _listed(Practice.objects.all()).order_by("-published_at", "-id")
    if user is not None and (getattr(user, "is_superuser", False) or has_role(user, Role.MODERATOR)):
        return practices
    scope = Q(status=PracticeStatus.PUBLISHED)
    edited = organisations_edited_by(user)
    if edited:
        scope |= Q(organisation_id__in=edited)
    return practices.filter(scope)


def practice_detail() -> QuerySet[Practice]:
    """A practice with everything its page and the API's detail show, in a fixed number of queries."""
    return _listed(Practice.objects.all()).prefetch_related(
        "links",
        Prefetch("documents", queryset=PracticeDocument.objects.select_related("file")),
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "code")),
    )


def adoptions_of(practice: Practice) -> QuerySet[Adoption]:
    """The practice's adoptions, latest first, with the adopting organisations and places."""
    return practice.adoptions.select_related("organisation", "country", "region").order_by("-adopted_on", "-id")


def adoptions_list() -> QuerySet[Adoption]:
    """Every adoption of a published practice (the API's list), latest first."""
    return (
        Adoption.objects.filter(practice__status=PracticeStatus.PUBLISHED)
        .select_related("practice", "organisation", "country", "region")
        .order_by("-adopted_on", "-id")
    )


def organisation_practices(organisation: Organisation, user) -> QuerySet[Practice]:
    """An organisation's practices: published ones for everyone; its editors (and moderators) see every status."""
    practices = _listed(Practice.objects.filter(organisation=organisation)).order_by("-updated_at", "-id")
    sees_all = user is not None and (
        getattr(user, "is_superuser", False)
        or has_role(user, Role.MODERATOR)
        or organisation.pk in organisations_edited_by(user)
    )
    return practices if sees_all else practices.filter(status=PracticeStatus.PUBLISHED)


def organisation_adoptions(organisation: Organisation) -> QuerySet[Adoption]:
    """The published practices an organisation adopted, latest first."""
    return (
        Adoption.objects.filter(organisation=organisation, practice__status=PracticeStatus.PUBLISHED)
        .select_related("practice", "country", "region")
        .order_by("-adopted_on", "-id")
    )


def moderation_queue() -> QuerySet[Practice]:
    """Practices awaiting moderation, the longest waiting first."""
    return (
        Practice.objects.filter(status=PracticeStatus.SUBMITTED)
        .select_related("organisation", "country", "region")
        .order_by("submitted_at", "id")
    )


# --- the spread of a practice ---------------------------------------------------------------------------------------


@dataclass
class CountryRow:
    country: Country
    count: int
    percent: int = 0
    regions: list[tuple[Region | None, int, int]] = field(default_factory=list)  # (region, count, percent)


@dataclass
class Spread:
    """How far a practice has spread: adoptions in all, and by country and by region (largest first)."""

    total: int
    countries: list[CountryRow]

    @property
    def region_count(self) -> int:
        return sum(1 for row in self.countries for region, _n, _p in row.regions if region is not None)


def spread_of(practice: Practice) -> Spread:
    """Count the practice's adoptions by country and region: three queries whatever the number of adoptions."""
    rows = list(
        Adoption.objects.filter(practice=practice)
        .order_by()
        .values("country_id", "region_id")
        .annotate(n=Count("id"))
        .values_list("country_id", "region_id", "n")
    )
    total = sum(n for _c, _r, n in rows)
    countries = Country.objects.in_bulk({c for c, _r, _n in rows})
    regions = Region.objects.in_bulk({r for _c, r, _n in rows if r})
    by_country: dict[str, CountryRow] = {}
    for country_id, region_id, n in rows:
        row = by_country.setdefault(country_id, CountryRow(country=countries[country_id], count=0))
        row.count += n
        row.regions.append((regions.get(region_id) if region_id else None, n, 0))
    ordered = sorted(by_country.values(), key=lambda row: (-row.count, row.country.name))
    largest = ordered[0].count if ordered else 0  # one scale for every bar, countries and regions alike
    for row in ordered:
        row.percent = _percent(row.count, largest)
        row.regions = sorted(
            ((region, n, _percent(n, largest)) for region, n, _p in row.regions),
            key=lambda item: (-item[1], item[0] is None, item[0].name if item[0] else ""),
        )
    return Spread(total=total, countries=ordered)


def _percent(part: int, whole: int) -> int:
    """A bar's length, rounded to 5 % steps (the page's CSS has a class for each)."""
    return 0 if not whole else int(round(part * 20 / whole)) * 5


# --- history --------------------------------------------------------------------------------------------------------


def practice_history(practice: Practice) -> list[dict]:
    """The practice's transitions, oldest first, with readable labels (for its authors and moderators)."""
    return [
        {
            "at": row.at,
            "action": PRACTICE_WORKFLOW.action_label(row.action),
            "source": PRACTICE_WORKFLOW.state_label(row.source),
            "target": PRACTICE_WORKFLOW.state_label(row.target),
            "actor": row.actor_repr,
            "reason": row.reason,
        }
        for row in history_for(practice)
    ]


# --- language versions ----------------------------------------------------------------------------------------------


def versions_of(practice: Practice) -> list[str]:
    """The languages a practice has a version in (a title in that language), the original first."""
    present = [lang for lang in LANGUAGES if (getattr(practice, f"title_{lang}", "") or "").strip()]
    return sorted(present, key=lambda lang: (lang != practice.original_language, LANGUAGES.index(lang)))


def version_text(practice: Practice, language: str) -> dict[str, str]:
    """The practice's texts in one language version, as its authors wrote them (no mixing of languages)."""
    return {name: getattr(practice, f"{name}_{language}", "") or "" for name in TEXT_FIELDS}


# --- filters --------------------------------------------------------------------------------------------------------

ORDERINGS = (("newest", _("Newest first")), ("adopted", _("Most adopted first")))


class PracticeFilterSet(django_filters.FilterSet):
    """The library's filters, for the page and the API: theme, target group, place, language, organisation, order."""

    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.order_by("order", "code"), to_field_name="code", field_name="themes"
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        queryset=TargetGroup.objects.order_by("order", "code"),
        to_field_name="code",
        field_name="target_groups",
    )
    country = django_filters.ModelChoiceFilter(label=_("Country"), queryset=Country.objects.order_by("code"))
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=Region.objects.all())
    language = django_filters.ChoiceFilter(label=_("Available in"), choices=settings.LANGUAGES, method="in_language")
    organisation = django_filters.NumberFilter(label=_("Organisation (id)"), field_name="organisation_id")
    order = django_filters.ChoiceFilter(label=_("Order"), choices=ORDERINGS, method="order_by", empty_label=None)

    class Meta:
        model = Practice
        fields = ["theme", "target_group", "country", "region", "language", "organisation", "order"]

    def in_language(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.exclude(**{f"title_{value}": ""}).exclude(**{f"title_{value}__isnull": True})

    def order_by(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "adopted":
            return queryset.order_by("-adoption_count", "-published_at", "-id")
        return queryset
