"""Writing the demo plan through the registry services, creating what is missing and correcting what differs."""

from __future__ import annotations

from collections import Counter
from typing import Any

from civicbridge.core.models import Source
from civicbridge.core.services import cite

from .. import services
from ..models import Country, LegalForm, NetworkMembership, Organisation, Person, Position, Region, Theme, Unit
from .plan import Plan


def _differs(obj: Any, fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if getattr(obj, k) != v}


class _Writer:
    """Creates what is missing and corrects what differs, through the registry services (audit, validation)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.done: Counter[str] = Counter()
        self.countries = {c.code: c for c in Country.objects.filter(code__in=["KZ", "RU"])}
        self.regions = {r.code: r for r in Region.objects.filter(country__in=["KZ", "RU"])}
        self.forms = {f.code: f for f in LegalForm.objects.all()}
        self.themes = {t.code: t for t in Theme.objects.all()}
        wanted_regions = {s.fields.get("region") for s in plan.orgs} - {None}
        wanted_themes = {t for s in plan.orgs for t in s.themes}
        wanted_forms = {s.fields.get("legal_form") for s in plan.orgs} - {None}
        missing = sorted(
            (wanted_regions - set(self.regions))
            | (wanted_themes - set(self.themes))
            | (wanted_forms - set(self.forms))
            | ({"KZ", "RU"} - set(self.countries))
        )
        if missing:
            raise LookupError(f"Reference data is missing ({', '.join(missing)}): run `civicbridge migrate` first.")
        self.orgs: dict[str, Organisation] = {}
        self.units: dict[str, Unit] = {}

    # --- organisations ---
    def _existing_orgs(self) -> dict[tuple, Organisation]:
        specs = self.plan.orgs
        keys = {f: [s.fields[f] for s in specs if s.fields.get(f)] for f in ("bin", "inn", "ogrn")}
        names = [s.fields["name_ru"] for s in specs if not any(s.fields.get(f) for f in keys)]
        query = (
            Organisation.objects.filter(bin__in=keys["bin"])
            | Organisation.objects.filter(inn__in=keys["inn"])
            | Organisation.objects.filter(ogrn__in=keys["ogrn"])
            | Organisation.objects.filter(name_ru__in=names)
        )
        found: dict[tuple, Organisation] = {}
        for org in query.select_related("country", "region", "legal_form").prefetch_related("themes"):
            for f in ("bin", "inn", "ogrn"):
                if getattr(org, f):
                    found[(f, getattr(org, f))] = org
            found.setdefault(("name", org.name_ru, org.country_id), org)
        return found

    def organisations(self) -> None:
        existing = self._existing_orgs()
        for spec in self.plan.orgs:
            f = dict(spec.fields)
            f["country"] = self.countries[f["country"]]
            f["region"] = self.regions[f["region"]] if f.get("region") else None
            f["legal_form"] = self.forms[f["legal_form"]] if f.get("legal_form") else None
            themes = [self.themes[code] for code in spec.themes]
            match = next(
                (existing[(k, f[k])] for k in ("bin", "ogrn", "inn") if f.get(k) and (k, f[k]) in existing), None
            ) or existing.get(("name", f["name_ru"], f["country"].code))
            if match is None:
                org = services.organisation_create(actor=None, themes=themes, **f)
                self.done["organisations created"] += 1
            else:
                changed = _differs(match, f)
                same_themes = {t.pk for t in match.themes.all()} == {t.pk for t in themes}
                org = match
                if changed or not same_themes:
                    org = services.organisation_update(
                        actor=None, organisation=match, themes=None if same_themes else themes, **changed
                    )
                    self.done["organisations updated"] += 1
            self.orgs[spec.key] = org

    # --- units ---
    def units_(self) -> None:
        existing = {(u.organisation_id, u.name_ru): u for u in Unit.objects.filter(organisation__in=self.orgs.values())}
        for spec in self.plan.units:
            org = self.orgs[spec.org]
            fields = {
                "name_ru": spec.names[0],
                "name_kk": spec.names[1],
                "name_en": spec.names[2],
                "kind": spec.kind,
                "parent": self.units[spec.parent] if spec.parent else None,
            }
            unit = existing.get((org.pk, spec.names[0]))
            if unit is None:
                unit = services.unit_create(actor=None, organisation=org, **fields)
                self.done["units created"] += 1
            elif changed := _differs(unit, fields):
                unit = services.unit_update(actor=None, unit=unit, **changed)
                self.done["units updated"] += 1
            self.units[spec.key] = unit

    # --- people and posts ---
    def posts(self, source: Source) -> None:
        existing = {
            (p.organisation_id, p.unit_id, p.title_ru, p.person.full_name_ru): p
            for p in Position.objects.filter(organisation__in=self.orgs.values()).select_related("person")
        }
        for spec in self.plan.posts:
            org = self.orgs[spec.org]
            unit = self.units[spec.unit] if spec.unit else None
            names = {"full_name_ru": spec.person[0], "full_name_kk": spec.person[1], "full_name_en": spec.person[2]}
            post = existing.get((org.pk, unit.pk if unit else None, spec.title[0], spec.person[0]))
            if post is None:
                # People of the report may already be in the registry (e.g. confirmed from another article).
                person = Person.objects.filter(full_name_ru=spec.person[0]).first() if spec.quote else None
                if person is None:
                    person = services.person_create(actor=None, email=spec.email, **names)
                    self.done["people created"] += 1
                post = services.position_create(
                    actor=None,
                    person=person,
                    organisation=org,
                    unit=unit,
                    title_ru=spec.title[0],
                    title_kk=spec.title[1],
                    title_en=spec.title[2],
                    start_date=spec.start_date,
                )
                self.done["positions created"] += 1
            else:
                # The report's people keep whatever contacts they have: the demo states only their names and posts.
                if changed := _differs(post.person, names if spec.quote else {**names, "email": spec.email}):
                    services.person_update(actor=None, person=post.person, **changed)
                    self.done["people updated"] += 1
                fields = {"title_kk": spec.title[1], "title_en": spec.title[2], "start_date": spec.start_date}
                if changed := _differs(post, fields):
                    services.position_update(actor=None, position=post, **changed)
                    self.done["positions updated"] += 1
            if spec.quote:
                cite(obj=post.person, source=source, quote=spec.quote)
                cite(obj=post, source=source, quote=spec.quote)

    # --- networks ---
    def links(self) -> None:
        networks = {spec.network for spec in self.plan.links}
        existing = {
            (m.network_id, m.member_id, m.joined_on): m
            for m in NetworkMembership.objects.filter(network__in=[self.orgs[key] for key in networks])
        }
        for spec in self.plan.links:
            network, member = self.orgs[spec.network], self.orgs[spec.member]
            link = existing.get((network.pk, member.pk, spec.joined_on))
            fields = {"membership_type": spec.membership_type, "left_on": spec.left_on}
            if link is None:
                services.network_membership_create(
                    actor=None, network=network, member=member, joined_on=spec.joined_on, **fields
                )
                self.done["memberships created"] += 1
            elif changed := _differs(link, fields):
                services.network_membership_update(actor=None, membership=link, **changed)
                self.done["memberships updated"] += 1

    def cite_report(self, source: Source) -> None:
        for spec in self.plan.orgs:
            if spec.quote:
                cite(obj=self.orgs[spec.key], source=source, quote=spec.quote)
        for spec in self.plan.units:
            if spec.quote:
                cite(obj=self.units[spec.key], source=source, quote=spec.quote)
