"""Partner matching: for an organisation (or one of its needs or offers), rank the organisations worth working with.

Two steps, so that one suggestion list costs the same with 250,000 organisations as with 250:
1. SQL picks a bounded candidate set through indexes: organisations with open listings of the opposite kind on the
   themes of mine (their offer for my need, their need for my offer), organisations we already have a track record
   with (partnerships, adoptions of each other's practices, joint grant applications), and organisations of my region
   (else country) that share one of my themes.
2. Python scores each candidate on six weighted signals (WEIGHTS; docs/exchange.md explains them) and explains the
   score in plain, translated sentences. Organisations with nothing in common (no complementary listing, no shared
   theme, no track record) are never suggested, nor the organisation itself, nor inactive ones.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language, get_language_info, ngettext, pgettext
from django.utils.translation import gettext as _

from civicbridge.core.search import text as search_text
from civicbridge.grants.choices import ApplicationStatus
from civicbridge.grants.models import Application, ApplicationPartner
from civicbridge.registry.choices import OrganisationStatus
from civicbridge.registry.models import Organisation

from .choices import ListingKind
from .models import Adoption, Listing, Partnership
from .selectors.partners import open_q
from .selectors.practices import LANGUAGES

# Points of each signal; they add up to 100. A past partner loses PARTNER_PENALTY as a *new* suggestion.
WEIGHTS = {
    "complementary": 40.0,  # their offer answers my need (or their need my offer): themes and words
    "themes": 20.0,  # the organisations share themes (full points from two shared themes)
    "language": 10.0,  # a common working language
    "place": 15.0,  # same region; same country; or another country when both work across borders
    "cross_border": 5.0,  # both are ready to work across borders
    "track_record": 10.0,  # adoptions of each other's practices (half) and joint grant applications (half)
}
PARTNER_PENALTY = 10.0
# Bounds of the candidate set (step 1) — each uses an index and stops at its limit.
COMPLEMENTARY_LISTINGS = 200
LOCAL_ORGANISATIONS = 60
TRACK_RECORD_ROWS = 500
MY_LISTINGS = 50
OPPOSITE = {ListingKind.NEED: ListingKind.OFFER, ListingKind.OFFER: ListingKind.NEED}
JOINT_STATUSES = [
    s for s in ApplicationStatus.values if s not in (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)
]

# Words too common in needs and offers to say two of them match.
STOP_WORDS = frozenset(
    """
    для это как что или при под над без его еще уже так все всех нас вас нам вам наш наша наши ваш ваша
    ищем нужен нужна нужно нужны
    предлагаем предлагает готовы можем помощь проект проекта проектов организация организации опыт
    the and for with our your you are from that this have has need needs offer offers looking project projects help
    organisation organisations experience can will
    """.split()
)


@dataclass
class Suggestion:
    """One possible partner: how well it fits (0–100), why, and the needs or offers that match."""

    organisation: Organisation
    score: float
    reasons: list[str] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)
    already_partners: bool = False


def stems(text: str, language: str = "ru") -> frozenset[str]:
    """The stems of a text's meaningful words, by the search module's rules for `language` (Snowball for Russian and
    English, its suffix stripper for Kazakh; ё = е, case folded), less short words and the words of every listing."""
    found = {_stem(word, language) for word in search_text.words(text)}
    found.discard(None)
    return frozenset(found)


@lru_cache(maxsize=200_000)
def _stem(word: str, language: str) -> str | None:
    if len(word) < 3 or word in STOP_WORDS or word.isdigit():
        return None
    return search_text.stem(word, language)


TEXTS = tuple(f"{name}_{lang}" for name in ("title", "description") for lang in LANGUAGES)
FALLBACK = ("ru", "en", "kk")  # modeltranslation's order (settings.MODELTRANSLATION_FALLBACK_LANGUAGES)


@dataclass(slots=True)
class _Item:
    """What scoring needs of one listing, read as plain values (model instances cost more than the scoring)."""

    pk: int
    organisation_id: int
    kind: str
    texts: dict[str, str]
    languages: list[str]
    cross_border: bool
    stems: frozenset[str]
    themes: set[int] = field(default_factory=set)

    @property
    def title(self) -> str:
        """The title in the reader's language, else the first version there is."""
        for lang in (get_language() or "ru")[:2], *FALLBACK:
            if self.texts.get(f"title_{lang}"):
                return self.texts[f"title_{lang}"]
        return ""


_STEM_CACHE: dict[tuple[int, object], frozenset[str]] = {}
STEM_CACHE_SIZE = 50_000


def _stems_of(pk: int, updated_at, texts: dict[str, str]) -> frozenset[str]:
    """A listing's stems, kept per version (id, updated_at): the same listings are candidates for many organisations."""
    key = (pk, updated_at)
    found = _STEM_CACHE.get(key)
    if found is None:
        found = frozenset()
        for lang in LANGUAGES:
            text = f"{texts[f'title_{lang}'] or ''} {(texts[f'description_{lang}'] or '')[:500]}"
            if text.strip():
                found |= stems(text, lang)
        if len(_STEM_CACHE) >= STEM_CACHE_SIZE:
            _STEM_CACHE.clear()  # crude but bounded; refilled by the next calls
        _STEM_CACHE[key] = found
    return found


def _items(queryset) -> list[_Item]:
    """Listings as `_Item`s, with their theme ids (two queries)."""
    fields = ("pk", "organisation_id", "kind", "languages", "cross_border", "updated_at", *TEXTS)
    items = {}
    for row in queryset.values_list(*fields):
        pk, org, kind, languages, cross_border, updated_at, *values = row
        texts = dict(zip(TEXTS, values, strict=True))
        items[pk] = _Item(
            pk=pk,
            organisation_id=org,
            kind=kind,
            texts=texts,
            languages=list(languages or ()),
            cross_border=cross_border,
            stems=_stems_of(pk, updated_at, texts),
        )
    through = Listing.themes.through
    for listing_id, theme_id in through.objects.filter(listing_id__in=list(items)).values_list(
        "listing_id", "theme_id"
    ):
        items[listing_id].themes.add(theme_id)
    return list(items.values())


def language_name(code: str) -> str:
    """A language's name in the viewer's language (Django's list), else its English ISO 639 name."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        found = pycountry.languages.get(alpha_2=code)
        return found.name if found else code


def _quoted(names) -> str:
    """Names in the reader's quotation marks: “…” in English, «…» in Russian and Kazakh."""
    mark = pgettext("a quoted name", "“%(name)s”")
    return ", ".join(mark % {"name": name} for name in names)


@dataclass
class _Pair:
    mine: _Item
    theirs: _Item
    score: float
    words: int


def _pair(mine: _Item, theirs: _Item) -> _Pair | None:
    """How well one of their listings answers one of mine (0–1), or None when it does not."""
    if OPPOSITE.get(mine.kind) != theirs.kind:
        return None
    shared_themes = len(mine.themes & theirs.themes)
    shared_words = len(mine.stems & theirs.stems)
    if not shared_themes and shared_words < 2:
        return None
    theme_part = min(1.0, shared_themes / max(1, min(len(mine.themes), len(theirs.themes))))
    word_part = min(1.0, shared_words / 3)
    return _Pair(mine, theirs, 0.5 * theme_part + 0.5 * word_part, shared_words)


def _pair_reason(pair: _Pair) -> str:
    params = {"theirs": pair.theirs.title, "mine": pair.mine.title}
    if pair.theirs.kind == ListingKind.OFFER:
        if pair.words:
            return _("Offers “%(theirs)s”, which you need") % params
        return _("Offers “%(theirs)s”, on the theme of your need “%(mine)s”") % params
    if pair.words:
        return _("Needs “%(theirs)s”, which you offer") % params
    return _("Needs “%(theirs)s”, on the theme of your offer “%(mine)s”") % params


@dataclass
class _Me:
    organisation: Organisation
    listings: list[_Item]
    theme_names: dict[int, str]
    languages: set[str]
    cross_border: bool
    partners: set[int]
    adoptions: dict[int, tuple[str, bool]]  # org → (a practice title, True when they adopted mine)
    joint_grants: Counter


@dataclass(slots=True)
class _Candidate:
    pk: int
    country_id: str
    region_id: str | None
    themes: set[int] = field(default_factory=set)
    listings: list[_Item] = field(default_factory=list)


def _my_listings(organisation: Organisation, listing: Listing | None) -> list[_Item]:
    if listing is not None:
        if listing.organisation_id != organisation.pk:
            raise ValidationError({"listing": _("This need or offer is not the organisation's.")})
        return _items(Listing.objects.filter(pk=listing.pk))
    mine = Listing.objects.filter(open_q(), organisation=organisation).order_by("-id")[:MY_LISTINGS]
    return _items(Listing.objects.filter(pk__in=list(mine.values_list("pk", flat=True))))


def _track_record(organisation: Organisation) -> tuple[set[int], dict[int, tuple[str, bool]], Counter]:
    """Past partners, adoption links and joint grant applications of the organisation (each bounded)."""
    through = Partnership.parties.through
    mine = through.objects.filter(organisation_id=organisation.pk).values("partnership_id")
    partners = set(
        through.objects.filter(partnership_id__in=mine)
        .exclude(organisation_id=organisation.pk)
        .values_list("organisation_id", flat=True)[:TRACK_RECORD_ROWS]
    )
    adoptions: dict[int, tuple[str, bool]] = {}
    rows = (
        Adoption.objects.filter(Q(practice__organisation=organisation) | Q(organisation=organisation))
        .select_related("practice")
        .order_by("-adopted_on", "-id")[:TRACK_RECORD_ROWS]
    )
    for adoption in rows:
        theirs_adopted_mine = adoption.practice.organisation_id == organisation.pk
        other = adoption.organisation_id if theirs_adopted_mine else adoption.practice.organisation_id
        if other != organisation.pk:
            adoptions.setdefault(other, (adoption.practice.title, theirs_adopted_mine))
    applications = list(
        Application.objects.filter(Q(organisation=organisation) | Q(partners__organisation=organisation))
        .filter(status__in=JOINT_STATUSES)
        .values_list("pk", "organisation_id")
        .distinct()
        .order_by("-pk")[:TRACK_RECORD_ROWS]
    )
    members: dict[int, set[int]] = defaultdict(set)
    for pk, lead in applications:
        members[pk].add(lead)
    for pk, partner in ApplicationPartner.objects.filter(application_id__in=list(members)).values_list(
        "application_id", "organisation_id"
    ):
        members[pk].add(partner)
    joint: Counter = Counter(org for orgs in members.values() for org in orgs if org != organisation.pk)
    return partners, adoptions, joint


def _candidates(me: _Me) -> set[int]:
    """Step 1: a bounded set of organisation ids worth scoring, each source through an index."""
    org = me.organisation
    ids: set[int] = set()
    wanted: dict[str, set[int]] = defaultdict(set)  # opposite kind → my themes of that kind
    for listing in me.listings:
        wanted[OPPOSITE[listing.kind]] |= listing.themes
    for kind, theme_ids in wanted.items():
        if theme_ids:
            ids |= set(
                Listing.objects.filter(open_q(), kind=kind, themes__in=theme_ids)
                .exclude(organisation_id=org.pk)
                .order_by("-id")
                .values_list("organisation_id", flat=True)[:COMPLEMENTARY_LISTINGS]
            )
    ids |= me.partners | set(me.adoptions) | set(me.joint_grants)
    if me.theme_names:
        place = (
            {"organisation__region_id": org.region_id}
            if org.region_id
            else {"organisation__country_id": org.country_id}
        )
        through = Organisation.themes.through
        ids |= set(
            through.objects.filter(theme_id__in=list(me.theme_names), **place)
            .exclude(organisation_id=org.pk)
            .order_by()
            .values_list("organisation_id", flat=True)[:LOCAL_ORGANISATIONS]
        )
    ids.discard(org.pk)
    return ids


def _load(ids: set[int]) -> list[_Candidate]:
    """The active candidates with their theme ids and open listings (four queries, plain values)."""
    candidates = {
        pk: _Candidate(pk, country, region)
        for pk, country, region in Organisation.objects.filter(pk__in=ids, status=OrganisationStatus.ACTIVE)
        .order_by()
        .values_list("pk", "country_id", "region_id")
    }
    through = Organisation.themes.through
    for org, theme in through.objects.filter(organisation_id__in=list(candidates)).values_list(
        "organisation_id", "theme_id"
    ):
        candidates[org].themes.add(theme)
    for item in _items(Listing.objects.filter(open_q(), organisation_id__in=list(candidates)).order_by("-id")):
        candidates[item.organisation_id].listings.append(item)
    return list(candidates.values())


@dataclass
class _Scored:
    candidate: _Candidate
    score: float
    reasons: list
    listing_ids: list[int]
    already: bool


def _score(me: _Me, other: _Candidate) -> _Scored | None:
    """Step 2: the weighted signals of one candidate and the sentences that explain them (place names come later)."""
    reasons: list = []
    score = 0.0
    org = me.organisation
    pairs = [pair for theirs in other.listings for mine in me.listings if (pair := _pair(mine, theirs))]
    pairs.sort(key=lambda p: (-p.score, -p.theirs.pk))
    if pairs:
        score += WEIGHTS["complementary"] * pairs[0].score
        reasons.append(_pair_reason(pairs[0]))

    shared = [name for pk, name in me.theme_names.items() if pk in other.themes]
    if shared:
        score += WEIGHTS["themes"] * min(len(shared), 2) / 2
        reasons.append(
            ngettext(
                "Both organisations work on the theme %(themes)s",
                "Both organisations work on the themes %(themes)s",
                len(shared),
            )
            % {"themes": _quoted(shared)}
        )

    track = 0.0
    if other.pk in me.adoptions:
        title, they_adopted = me.adoptions[other.pk]
        track += 0.5
        if they_adopted:
            reasons.append(_("Adopted your practice “%(title)s”") % {"title": title})
        else:
            reasons.append(_("You adopted its practice “%(title)s”") % {"title": title})
    if me.joint_grants.get(other.pk):
        track += 0.5
        count = me.joint_grants[other.pk]
        reasons.append(
            ngettext(
                "Applied for a grant together with you (%(count)s application)",
                "Applied for grants together with you (%(count)s applications)",
                count,
            )
            % {"count": count}
        )
    if not pairs and not shared and not track and other.pk not in me.partners:
        return None  # nothing in common: language or place alone is no reason to work together
    score += WEIGHTS["track_record"] * track

    their_languages = {code for item in other.listings for code in item.languages}
    common = sorted(me.languages & their_languages, key=lambda c: (c != "ru", c != "kk", c))
    if common:
        score += WEIGHTS["language"]
        reasons.append(_("Works in %(languages)s") % {"languages": ", ".join(language_name(c) for c in common)})

    both_cross = me.cross_border and any(item.cross_border for item in other.listings)
    if org.region_id and other.region_id == org.region_id:
        score += WEIGHTS["place"]
        reasons.append(("region",))  # named once the organisation is read (only the shown ones are)
    elif other.country_id == org.country_id:
        score += WEIGHTS["place"] * 2 / 3
        reasons.append(_("Works in your country"))
    elif both_cross:
        score += WEIGHTS["place"]
        reasons.append(("country",))
    if both_cross:
        score += WEIGHTS["cross_border"]
        if other.country_id == org.country_id:
            reasons.append(_("Like you, is ready to work across borders"))

    already = other.pk in me.partners
    if already:
        score -= PARTNER_PENALTY
        reasons.append(_("You already work together"))
    listing_ids = list(dict.fromkeys(p.theirs.pk for p in pairs))
    return _Scored(other, round(max(0.0, min(100.0, score)), 1), reasons, listing_ids, already)


def _place(reason, organisation: Organisation) -> str:
    if reason == ("region",):
        return _("Works in your region, %(region)s") % {"region": organisation.region}
    if reason == ("country",):
        return _("Works in %(country)s and is ready to work across borders") % {"country": organisation.country}
    return reason


def suggest_partners(
    *, organisation: Organisation, listing: Listing | None = None, limit: int = 10
) -> list[Suggestion]:
    """The best `limit` partners for the organisation (or for one of its needs or offers), best first."""
    listings = _my_listings(organisation, listing)
    partners, adoptions, joint = _track_record(organisation)
    me = _Me(
        organisation=organisation,
        listings=listings,
        theme_names={t.pk: t.name for t in organisation.themes.all()},
        languages={code for item in listings for code in item.languages},
        cross_border=any(item.cross_border for item in listings),
        partners=partners,
        adoptions=adoptions,
        joint_grants=joint,
    )
    ids = _candidates(me)
    if not ids or limit <= 0:
        return []
    scored = [s for s in (_score(me, other) for other in _load(ids)) if s is not None]
    scored.sort(key=lambda s: (-s.score, s.candidate.pk))
    best = scored[: limit * 2]  # a little more than shown: ties are ordered by name below
    shown = Organisation.objects.select_related("country", "region").in_bulk([s.candidate.pk for s in best])
    wanted = {pk for s in best for pk in s.listing_ids}
    matched = Listing.objects.in_bulk(list(wanted)) if wanted else {}
    suggestions = [
        Suggestion(
            organisation=shown[s.candidate.pk],
            score=s.score,
            reasons=[_place(reason, shown[s.candidate.pk]) for reason in s.reasons],
            listings=[matched[pk] for pk in s.listing_ids if pk in matched],
            already_partners=s.already,
        )
        for s in best
    ]
    suggestions.sort(key=lambda s: (-s.score, s.organisation.name, s.organisation.pk))
    return suggestions[:limit]
