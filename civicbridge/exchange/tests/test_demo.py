"""The exchange demo: a complete, consistent plan that loads through the services; a second load adds nothing."""

import time
from collections import Counter
from datetime import date
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.apps import apps

from civicbridge.accounts import demo as accounts_demo
from civicbridge.core.context import acting_as
from civicbridge.core.models import AuditEntry
from civicbridge.core.workflow import history_for
from civicbridge.exchange import demo
from civicbridge.exchange.choices import ListingKind, PracticeStatus, RequestStatus
from civicbridge.exchange.demo.organisations import ORGS
from civicbridge.exchange.models import Adoption, Listing, Partnership, PartnershipRequest, Practice
from civicbridge.exchange.reference_data import TARGET_GROUPS
from civicbridge.registry import demo as registry_demo
from civicbridge.registry.models import Organisation
from civicbridge.registry.reference_data import THEMES

PLAN = demo.build_plan()
MAIN_THEMES = ("inclusion", "fundraising", "volunteering", "ecology")
PARTS = ("title", "problem", "solution", "steps", "resources", "results")


def _cross_border(adoption) -> bool:
    practice = next(p for p in PLAN.practices if p.key == adoption.practice)
    return practice.country != adoption.region[:2]


# --- the plan, without the database ---


def test_plan_has_enough_practices_on_every_main_theme_and_others():
    assert len(PLAN.practices) >= 60
    assert len({p.key for p in PLAN.practices}) == len(PLAN.practices)
    by_main_theme = Counter(p.themes[0] for p in PLAN.practices)
    for theme in MAIN_THEMES:
        assert 12 <= by_main_theme[theme] <= 16, theme
    assert len(set(by_main_theme) - set(MAIN_THEMES)) >= 6
    known = {code for code, *_ in THEMES}
    groups = {code for code, *_ in TARGET_GROUPS}
    for practice in PLAN.practices:
        assert set(practice.themes) <= known and practice.groups and set(practice.groups) <= groups, practice.key


def test_plan_languages_and_statuses():
    originals = Counter(p.original_language for p in PLAN.practices)
    assert originals["kk"] >= 9 and originals["en"] >= 7 and originals["ru"] >= 40
    assert sum(1 for p in PLAN.practices if p.original_language == "kk" and "ru" in p.texts) >= 5
    assert sum(1 for p in PLAN.practices if p.original_language == "ru" and "en" in p.texts) >= 5
    statuses = Counter(p.status for p in PLAN.practices)
    assert statuses == {"published": 61, "draft": 2, "submitted": 2, "returned": 1, "archived": 1}
    for practice in PLAN.practices:
        assert (practice.published is not None) == (practice.status in ("published", "archived")), practice.key
        assert bool(practice.reason) == (practice.status == "returned"), practice.key


def test_published_practices_have_every_part_in_every_version():
    for practice in PLAN.practices:
        for language, version in practice.texts.items():
            for part in PARTS:
                assert getattr(version, part).strip(), (practice.key, language, part)
            if practice.status != "draft":
                assert 4 <= len(version.steps.splitlines()) <= 7, (practice.key, language)
        if practice.status in ("published", "archived"):
            results = practice.texts[practice.original_language].results
            assert any(ch.isdigit() for ch in results), practice.key  # measured, not promised


def test_plan_refers_only_to_what_it_defines():
    orgs = {org.key for org in ORGS} | {"showcase", "gak"}
    practices = {p.key: p for p in PLAN.practices}
    listings = {item.key for item in PLAN.listings}
    assert len(listings) == len(PLAN.listings)
    assert {p.org for p in PLAN.practices} <= orgs
    for adoption in PLAN.adoptions:
        practice = practices[adoption.practice]
        assert practice.status == "published" and adoption.org in orgs, adoption
        assert practice.published <= adoption.adopted_on <= date(2026, 11, 27), adoption
        assert date(2024, 1, 1) <= adoption.adopted_on, adoption
    for request in PLAN.requests:
        assert {request.from_org, request.to_org} <= orgs and request.from_org != request.to_org
        assert request.listing is None or request.listing in listings
    accepted = {(r.from_org, r.to_org) for r in PLAN.requests if r.status == "accepted"}
    for partnership in PLAN.partnerships:
        assert set(partnership.parties) <= orgs
        assert partnership.request is None or partnership.request in accepted


def test_adoptions_cross_the_border_and_listings_match():
    assert len(PLAN.adoptions) >= 40
    assert sum(_cross_border(a) for a in PLAN.adoptions) >= 30
    kinds = Counter(item.kind for item in PLAN.listings)
    assert kinds[ListingKind.NEED] >= 28 and kinds[ListingKind.OFFER] >= 28
    offers = [item for item in PLAN.listings if item.kind == ListingKind.OFFER]
    for need in (item for item in PLAN.listings if item.kind == ListingKind.NEED):
        partners = [o for o in offers if o.org != need.org and set(o.themes) & set(need.themes)]
        assert partners, f"no offer shares a theme with {need.key}"
    assert sum(1 for r in PLAN.requests if r.status == "accepted") >= 4
    assert {r.status for r in PLAN.requests} == {"sent", "accepted", "declined", "withdrawn"}
    assert 3 <= len(PLAN.partnerships) <= 4


def test_links_and_sites_are_on_example_org():
    urls = [url for p in PLAN.practices for url, _title in p.links] + [org.website for org in ORGS]
    for url in urls:
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.hostname.endswith(".example.org"), url


def test_search_words_of_the_judged_set_are_in_the_texts():
    corpus = " ".join(
        getattr(version, part) for p in PLAN.practices for version in p.texts.values() for part in PARTS
    ).casefold()
    for word in ("волонтёров", "волонтер", "инклюзивное", "инклюзивный", "инклюзия", "еріктілер", "қайырымдылық"):
        assert word in corpus, word
    for word in ("ребёнок", "учёт", "отчёт", "лёгкий", "crowdfunding", "volunteers", "repair café"):
        assert word.casefold() in corpus, word


# --- loading through the services ---


def _exchange_counts() -> dict[str, int]:
    models = [*apps.get_app_config("exchange").get_models(), Organisation, AuditEntry]
    return {model._meta.label: model._default_manager.count() for model in models}


@pytest.mark.django_db
def test_demo_loads_through_the_services_and_a_second_load_adds_nothing():
    # One test on purpose: the registry demo under it takes seconds, so every check shares one load.
    out = StringIO()
    with acting_as(None):
        registry_demo.load(stdout=out)
        accounts_demo.load(stdout=out)
        started = time.perf_counter()
        demo.load(stdout=out)
        elapsed = time.perf_counter() - started
    print(f"exchange demo loaded in {elapsed:.1f} s")
    assert elapsed < 30, elapsed

    practices = Practice.objects.prefetch_related("themes", "target_groups", "links")
    assert practices.count() == len(PLAN.practices) >= 60
    assert Counter(practices.values_list("status", flat=True)) == {
        PracticeStatus.PUBLISHED: 61,
        PracticeStatus.DRAFT: 2,
        PracticeStatus.SUBMITTED: 2,
        PracticeStatus.RETURNED: 1,
        PracticeStatus.ARCHIVED: 1,
    }
    for practice in practices.filter(status=PracticeStatus.PUBLISHED):
        lang = practice.original_language
        for part in PARTS:
            assert getattr(practice, f"{part}_{lang}").strip(), (practice.title, part)
        assert practice.themes.all() and practice.target_groups.all() and practice.links.all(), practice.title
        assert practice.region_id and practice.region_id.startswith(practice.country_id)
        assert practice.published_at.date() < date(2026, 11, 1) and practice.contacts
    assert practices.filter(original_language="kk", status=PracticeStatus.PUBLISHED).count() >= 9
    assert practices.filter(original_language="en", status=PracticeStatus.PUBLISHED).count() >= 7
    returned = practices.get(status=PracticeStatus.RETURNED)
    assert any("закон" in step.reason for step in history_for(returned))

    adoptions = Adoption.objects.select_related("practice")
    assert adoptions.count() == len(PLAN.adoptions)
    cross = [a for a in adoptions if a.country_id != a.practice.country_id]
    assert len(cross) >= 20
    assert {a.country_id for a in cross} == {"KZ", "RU"}
    assert Listing.objects.filter(kind=ListingKind.NEED).count() >= 28
    assert Listing.objects.filter(kind=ListingKind.OFFER).count() >= 28
    statuses = Counter(PartnershipRequest.objects.values_list("status", flat=True))
    assert statuses[RequestStatus.SENT] >= 3 and statuses[RequestStatus.ACCEPTED] >= 4
    assert statuses[RequestStatus.DECLINED] >= 1 and statuses[RequestStatus.WITHDRAWN] >= 1
    assert Partnership.objects.count() == len(PLAN.partnerships)
    assert Partnership.objects.filter(request__isnull=False).count() == 4

    # The demo «NGO representative» finds work waiting: a draft, a need, requests to answer.
    showcase = Organisation.objects.get(bin=registry_demo.SHOWCASE_NGO_BIN)
    assert Practice.objects.filter(organisation=showcase, status=PracticeStatus.DRAFT).exists()
    assert Listing.objects.filter(organisation=showcase, kind=ListingKind.NEED).exists()
    assert PartnershipRequest.objects.filter(to_organisation=showcase, status=RequestStatus.SENT).count() == 2

    counts = _exchange_counts()
    again = StringIO()
    with acting_as(None):
        demo.load(stdout=again)
    assert _exchange_counts() == counts
    assert "nothing new" in again.getvalue()
