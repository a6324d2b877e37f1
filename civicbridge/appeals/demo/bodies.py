"""The bodies that answer citizens' issues in the five oblasts of the regional meetings, and the routing rules.

Per oblast: the akimat (roads, housing, ecology, education, health, rights), the department for employment
coordination and social programmes (social support) and the department of internal policy (NGO support, culture and
youth) — state institutions of Kazakhstan with their region, created through the registry services and found again by
their Russian name. In the Turkestan oblast rights and legal aid has no rule, so the coordinators' "to route" queue
has an issue.
"""

from __future__ import annotations

from typing import Any

# ISO code → the oblast's name in the genitive (ru), the possessive (kk) and in English.
OBLASTS: dict[str, tuple[str, str, str]] = {
    "KZ-55": ("Павлодарской области", "Павлодар облысының", "Pavlodar Region"),
    "KZ-35": ("Карагандинской области", "Қарағанды облысының", "Karaganda Region"),
    "KZ-61": ("Туркестанской области", "Түркістан облысының", "Turkistan Region"),
    "KZ-39": ("Костанайской области", "Қостанай облысының", "Kostanay Region"),
    "KZ-63": ("Восточно-Казахстанской области", "Шығыс Қазақстан облысының", "East Kazakhstan Region"),
}

# key → (ru, kk, en) name patterns; {ru}/{kk}/{en} take the oblast's name.
BODIES: dict[str, tuple[str, str, str]] = {
    "akimat": ("Акимат {ru}", "{kk} әкімдігі", "Akimat of {en}"),
    "social": (
        "Управление координации занятости и социальных программ {ru}",
        "{kk} жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармасы",
        "Department for Employment Coordination and Social Programmes of {en}",
    ),
    "policy": (
        "Управление внутренней политики {ru}",
        "{kk} ішкі саясат басқармасы",
        "Department of Internal Policy of {en}",
    ),
}

# category code → the body that answers it (every oblast).
ROUTES: dict[str, str] = {
    "roads": "akimat",
    "housing": "akimat",
    "ecology": "akimat",
    "education": "akimat",
    "health": "akimat",
    "legal": "akimat",
    "other": "akimat",
    "social": "social",
    "ngo-support": "policy",
    "culture-youth": "policy",
}

#: (region, category) left without a rule: such issues wait for a coordinator.
UNROUTED = {("KZ-61", "legal")}


def names(region_code: str, key: str) -> dict[str, str]:
    ru, kk, en = OBLASTS[region_code]
    pattern = BODIES[key]
    return {
        "name_ru": pattern[0].format(ru=ru),
        "name_kk": pattern[1].format(kk=kk)[:1].upper() + pattern[1].format(kk=kk)[1:],
        "name_en": pattern[2].format(en=en),
    }


def ensure_bodies(region, made: dict[str, int]) -> dict[str, Any]:
    """The region's answering bodies (key → Organisation), created through the registry services when missing."""
    from civicbridge.registry.choices import OrganisationKind
    from civicbridge.registry.models import LegalForm, Organisation
    from civicbridge.registry.services import organisation_create

    if region is None or region.pk not in OBLASTS:
        return {}
    form = LegalForm.objects.filter(code="kz-state-institution").first()
    found: dict[str, Any] = {}
    for key in BODIES:
        fields = names(region.pk, key)
        org = Organisation.objects.filter(name_ru=fields["name_ru"], country_id=region.country_id).first()
        if org is None:
            org = organisation_create(
                actor=None,
                kind=OrganisationKind.STATE_BODY,
                legal_form=form,
                country=region.country,
                region=region,
                **fields,
            )
            made["organisations"] += 1
        found[key] = org
    return found


def ensure_rules(region, bodies: dict[str, Any], *, actor, made: dict[str, int]) -> None:
    """One rule per category of the region (except UNROUTED), pointing at the body that answers it."""
    from ..models import Category, RoutingRule
    from ..services.routing import rule_save

    if not bodies:
        return
    have = set(
        RoutingRule.objects.filter(region=region, category__isnull=False).values_list("category__code", flat=True)
    )
    for category in Category.objects.filter(code__in=ROUTES).order_by("order"):
        if category.code in have or (region.pk, category.code) in UNROUTED:
            continue
        rule = RoutingRule(
            region=region, country_id=region.country_id, category=category, responsible=bodies[ROUTES[category.code]]
        )
        rule_save(rule, actor=actor)
        made["rules"] += 1


# The demo official who answers for the Pavlodar akimat (e-mail local part, full name, region, body).
AKIMAT_OFFICIAL = ("akimat-pavlodar", "Демо: специалист акимата Павлодарской области", "KZ-55", "akimat")


def ensure_official(bodies_by_region: dict[str, dict[str, Any]]) -> None:
    """A signed-in official of one akimat, so the demo can be answered from the responsible party's side."""
    from civicbridge.accounts.choices import Role
    from civicbridge.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
    from civicbridge.accounts.models import Membership, User
    from civicbridge.accounts.services import user_register

    local, full_name, region_code, key = AKIMAT_OFFICIAL
    body = bodies_by_region.get(region_code, {}).get(key)
    if body is None:
        return
    user = User.objects.filter(email__iexact=f"{local}@{DEMO_DOMAIN}").first()
    if user is None:
        user = user_register(
            email=f"{local}@{DEMO_DOMAIN}", password=DEMO_PASSWORD, full_name=full_name, consent_processing=True
        )
    Membership.objects.get_or_create(user=user, role=Role.OFFICIAL, organisation=body)
