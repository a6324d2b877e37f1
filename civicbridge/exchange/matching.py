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

import pycountry
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from civicbridge.core.search import text as search_text
from civicbridge.grants.choices import ApplicationStatus
from civicbridge.grants.models import Application, ApplicationPartner
from civicbridge.registry.choices import OrganisationStatus
from civicbridge.registry.models import Organisation

from .choices import ListingKind
from .models import Adoption, Listing, Partnership
from .selectors.partners import open_q

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
COMPLEMENTARY_LISTINGS = 300
LOCAL_ORGANISATIONS = 100
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
    found = set()
    for word in search_text.words(text):
        if len(word) >= 3 and word not in STOP_WORDS and not word.isdigit():
            lexeme = search_text.stem(word, language)
            if lexeme:
                found.add(lexeme)
    return frozenset(found)


def _listing_stems(listing: Listing) -> frozenset[str]:
    found: frozenset[str] = frozenset()
    for lang in ("ru", "kk", "en"):
        text = (
            f"{getattr(listing, f'title_{lang}', '') or ''} {(getattr(listing, f'description_{lang}', '') or '')[:500]}"
        )
        if text.strip():
            found |= stems(text, lang)
    return found


def language_name(code: str) -> str:
    """A language's name in the viewer's language (Django's list), else its English ISO 639 name."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        found = pycountry.languages.get(alpha_2=code)
        return found.name if found else code


def _quoted(names) -> str:
    return ", ".join(f"«{name}»" for name in names)


@dataclass
class _Pair:
    mine: Listing
    theirs: Listing
    score: float
    words: int


def _pair(mine: Listing, theirs: Listing, mine_stems, their_stems) -> _Pair | None:
    """How well one of their listings answers one of mine (0–1), or None when it does not."""
    if OPPOSITE.get(mine.kind) != theirs.kind:
        return None
    mine_themes = {t.pk for t in mine.themes.all()}
    their_themes = {t.pk for t in theirs.themes.all()}
    shared_themes = len(mine_themes & their_themes)
    shared_words = len(mine_stems & their_stems)
    if not shared_themes and shared_words < 2:
        return None
    theme_part = min(1.0, shared_themes / max(1, min(len(mine_themes), len(their_themes))))
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
    listings: list[Listing]
    stems: dict[int, frozenset[str]]
    theme_names: dict[int, str]
    languages: set[str]
    cross_border: bool
    partners: set[int]
    adoptions: dict[int, tuple[str, bool]]  # org → (a practice title, True when they adopted mine)
    joint_grants: Counter


def _my_listings(organisation: Organisation, listing: Listing | None) -> list[Listing]:
    if listing is not None:
        if listing.organisation_id != organisation.pk:
            raise ValidationError({"listing": _("This need or offer is not the organisation's.")})
        return list(Listing.objects.filter(pk=listing.pk).prefetch_related("themes"))
    return list(
        Listing.objects.filter(open_q(), organisation=organisation)
        .prefetch_related("themes")
        .order_by("-id")[:MY_LISTINGS]
    )


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
        wanted[OPPOSITE[listing.kind]] |= {t.pk for t in listing.themes.all()}
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


def _score(me: _Me, other: Organisation, stem_cache: dict[int, frozenset[str]]) -> Suggestion | None:
    """Step 2: the weighted signals of one candidate and the sentences that explain them."""
    reasons: list[str] = []
    score = 0.0
    org = me.organisation
    their_listings = other.open_listings

    pairs = []
    for theirs in their_listings:
        if theirs.pk not in stem_cache:
            stem_cache[theirs.pk] = _listing_stems(theirs)
        for mine in me.listings:
            pair = _pair(mine, theirs, me.stems[mine.pk], stem_cache[theirs.pk])
            if pair is not None:
                pairs.append(pair)
    pairs.sort(key=lambda p: (-p.score, -p.theirs.pk))
    if pairs:
        score += WEIGHTS["complementary"] * pairs[0].score
        reasons.append(_pair_reason(pairs[0]))

    shared = [name for pk, name in me.theme_names.items() if pk in {t.pk for t in other.themes.all()}]
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

    their_languages = {code for listing in their_listings for code in listing.languages or ()}
    common = sorted(me.languages & their_languages, key=lambda c: (c != "ru", c != "kk", c))
    if common:
        score += WEIGHTS["language"]
        reasons.append(_("Works in %(languages)s") % {"languages": ", ".join(language_name(c) for c in common)})

    they_cross = any(listing.cross_border for listing in their_listings)
    both_cross = me.cross_border and they_cross
    if org.region_id and other.region_id == org.region_id:
        score += WEIGHTS["place"]
        reasons.append(_("Works in your region, %(region)s") % {"region": other.region})
    elif other.country_id == org.country_id:
        score += WEIGHTS["place"] * 2 / 3
        reasons.append(_("Works in your country"))
    elif both_cross:
        score += WEIGHTS["place"]
        reasons.append(_("Works in %(country)s and is ready to work across borders") % {"country": other.country})
    if both_cross:
        score += WEIGHTS["cross_border"]
        if other.country_id == org.country_id:
            reasons.append(_("Like you, is ready to work across borders"))

    already = other.pk in me.partners
    if already:
        score -= PARTNER_PENALTY
        reasons.append(_("You already work together"))
    return Suggestion(
        organisation=other,
        score=round(max(0.0, min(100.0, score)), 1),
        reasons=reasons,
        listings=list(dict.fromkeys(p.theirs for p in pairs)),
        already_partners=already,
    )


def suggest_partners(
    *, organisation: Organisation, listing: Listing | None = None, limit: int = 10
) -> list[Suggestion]:
    """The best `limit` partners for the organisation (or for one of its needs or offers), best first."""
    listings = _my_listings(organisation, listing)
    partners, adoptions, joint = _track_record(organisation)
    me = _Me(
        organisation=organisation,
        listings=listings,
        stems={item.pk: _listing_stems(item) for item in listings},
        theme_names={t.pk: t.name for t in organisation.themes.all()},
        languages={code for item in listings for code in item.languages or ()},
        cross_border=any(item.cross_border for item in listings),
        partners=partners,
        adoptions=adoptions,
        joint_grants=joint,
    )
    ids = _candidates(me)
    if not ids:
        return []
    their_listings = Listing.objects.filter(open_q()).prefetch_related("themes").order_by("-id")
    candidates = (
        Organisation.objects.filter(pk__in=ids, status=OrganisationStatus.ACTIVE)
        .select_related("country", "region")
        .prefetch_related("themes", Prefetch("listings", queryset=their_listings, to_attr="open_listings"))
    )
    stem_cache: dict[int, frozenset[str]] = {}
    suggestions = [s for s in (_score(me, other, stem_cache) for other in candidates) if s is not None]
    suggestions.sort(key=lambda s: (-s.score, s.organisation.name, s.organisation.pk))
    return suggestions[: max(0, limit)]
