"""The generated NGO sector: fictional NGOs with valid identifiers, their heads and units, networks and members."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from stdnum.ru import inn as ru_inn
from stdnum.ru import ogrn as ru_ogrn

from ..choices import MembershipType, OrganisationKind
from ..identifiers import bin_check_digit
from .plan import LinkSpec, OrgSpec, Plan, PostSpec, UnitSpec
from .words import (
    GAK_MEMBERS,
    HEAD_OF_UNIT,
    HEADS,
    INVARIANT_SURNAMES,
    KZ_CITIES,
    LEGAL_WORDS,
    NAME_POOLS,
    NETWORKS,
    PLACE_NAMES,
    RU_CITIES,
    SECOND_SENTENCES,
    THEME_WORDS,
    UNIT_WORDS,
    T,
    _slug,
    translit,
)

# Generated dates are counted from a fixed day, not from today, so that every run produces the same records.
ANCHOR = date(2025, 11, 1)
KZ_NGOS, RU_NGOS = 220, 110
# The NGO that the demo «NGO representative» account acts for (accounts/demo.py looks it up by this БИН).
SHOWCASE_NGO_BIN = "120540012342"


class _Generator:
    """Builds the generated organisations, people and networks from one random generator."""

    def __init__(self, rng: random.Random, plan: Plan) -> None:
        self.rng = rng
        self.plan = plan
        self.names: set[tuple[str, str]] = set()  # (country, name without the legal form)
        self.full_names: set[str] = {spec.fields["name_ru"] for spec in plan.orgs}
        self.slugs: set[str] = set()
        self.numbers: set[str] = {SHOWCASE_NGO_BIN}
        self.people: set[str] = {post.person[0] for post in plan.posts}
        self.ngos: list[OrgSpec] = []

    # --- numbers ---
    def bin(self, registered: date) -> str:
        """A БИН: YYMM of registration, 4 (legal entity), 0 (head office), serial, check digit."""
        while True:
            first11 = f"{registered:%y%m}40{self.rng.randint(0, 99999):05d}"
            check = bin_check_digit(first11)
            if check is not None and first11 + str(check) not in self.numbers:
                self.numbers.add(first11 + str(check))
                return first11 + str(check)

    def inn_ogrn(self, registered: date, subject: int) -> tuple[str, str]:
        """An ИНН (subject, tax office, serial) and an ОГРН (1, year, subject, serial) with their check digits."""
        while True:
            first9 = f"{subject:02d}{self.rng.randint(1, 40):02d}{self.rng.randint(0, 99999):05d}"
            inn = first9 + ru_inn.calc_company_check_digit(first9)
            first12 = f"1{registered:%y}{subject:02d}{self.rng.randint(0, 9999999):07d}"
            ogrn = first12 + ru_ogrn.calc_check_digit(first12 + "0")  # stdnum's function ignores the last digit
            if inn not in self.numbers and ogrn not in self.numbers:
                self.numbers.update((inn, ogrn))
                return inn, ogrn

    def day(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def slug(self, text: str) -> str:
        base = _slug(text)[:40].strip("-") or "ngo"
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    def person(self, country: str) -> tuple[str, str, str]:
        """A fictional name (ru, kk left empty, en transliterated), unique within the demo."""
        pools = NAME_POOLS[country]
        female = self.rng.random() < 0.6  # women lead most NGOs in both countries
        while True:
            male_names, female_names, surnames, _ = self.rng.choices(pools, weights=[p[3] for p in pools])[0]
            surname = self.rng.choice(surnames)
            if female and surname not in INVARIANT_SURNAMES:
                surname += "а"
            name = f"{self.rng.choice(female_names if female else male_names)} {surname}"
            if name not in self.people:
                self.people.add(name)
                return name, "", translit(name)

    # --- organisations ---
    def name_options(self, theme: str, country: str, region: str) -> list[tuple[float, T]]:
        """Names for an organisation of the theme, weighted: the place's own, the city's, the theme's."""
        local = [(2.0, words) for code, regions, words in PLACE_NAMES if code == theme and region in regions]
        brands = THEME_WORDS[theme][2]
        return [*local, (1.5, self.city_brand(theme, country, region)), *((3.0 / len(brands), b) for b in brands)]

    def brand(self, themes: tuple[str, ...], country: str, region: str, form_ru: str) -> tuple[T, str]:
        """A name (ru, kk, en) and the full Russian name: unused in the country if possible, as in real registers."""
        options = [self.name_options(theme, country, region) for theme in themes]
        for pool in options:  # the main theme first, then the others
            fresh = [(w, words) for w, words in pool if (country, words[0]) not in self.names]
            if fresh:
                words = self.rng.choices([o[1] for o in fresh], weights=[o[0] for o in fresh])[0]
                return words, f"{form_ru} «{words[0]}»"
        # Every name is taken in the country: reuse one under another legal form, else add the city.
        pool = options[0]
        words = self.rng.choices([o[1] for o in pool], weights=[o[0] for o in pool])[0]
        full = f"{form_ru} «{words[0]}»"
        if full in self.full_names:
            full += f" (г. {KZ_CITIES[region][0] if country == 'KZ' else RU_CITIES[region][0]})"
        return words, full

    def city_brand(self, theme: str, country: str, region: str) -> T:
        """The theme's name with the city (ru genitive; Kazakh and English forms for Kazakh cities)."""
        if country == "KZ":
            _, gen, kk, en, _ = KZ_CITIES[region]
        else:
            kk, gen, en, _, _ = RU_CITIES[region]
        ru_name, kk_name, en_name = THEME_WORDS[theme][3]
        return ru_name.format(gen=gen), kk_name.format(kk=kk), en_name.format(en=en)

    def ngo(self, country: str, region: str) -> OrgSpec:
        rng = self.rng
        themes_all = list(THEME_WORDS)
        primary = rng.choices(themes_all, weights=[THEME_WORDS[t][0] for t in themes_all])[0]
        others = rng.sample([t for t in themes_all if t != primary], k=rng.choice((0, 1, 1, 2)))
        forms = [code for code in LEGAL_WORDS if code.startswith(country.lower())]
        form = rng.choices(forms, weights=[LEGAL_WORDS[c][0] for c in forms])[0]
        _, form_ru, form_kk, form_en, heads = LEGAL_WORDS[form]
        (brand_ru, brand_kk, brand_en), name_ru = self.brand((primary, *others), country, region, form_ru)
        self.names.add((country, brand_ru))
        self.full_names.add(name_ru)
        registered = self.day(date(1998, 1, 1), date(2024, 6, 30))
        slug = self.slug(brand_en)
        description = [THEME_WORDS[primary][1]]
        if rng.random() < 0.6:
            description.append(rng.choice(SECOND_SENTENCES))
        with_kk = country == "KZ" and rng.random() < 0.7
        with_en = rng.random() < (0.45 if country == "KZ" else 0.35)
        fields: dict[str, Any] = {
            "name_ru": name_ru,
            "kind": OrganisationKind.NGO,
            "legal_form": form,
            "country": country,
            "region": region,
            "registered_on": registered,
            "website": f"https://{slug}.example.org",
            "email": f"info@{slug}.example.org" if rng.random() < 0.5 else "",
            "description_ru": " ".join(d[0] for d in description),
        }
        if with_kk:
            fields["name_kk"] = f"«{brand_kk}» {form_kk}"
            fields["description_kk"] = " ".join(d[1] for d in description)
        if with_en:
            fields["name_en"] = f"{form_en} “{brand_en}”"
            fields["description_en"] = " ".join(d[2] for d in description)
        if country == "KZ":
            fields["bin"] = self.bin(registered)
        else:
            fields["inn"], fields["ogrn"] = self.inn_ogrn(registered, RU_CITIES[region][4])
        spec = OrgSpec(f"ngo-{len(self.ngos) + 1}", fields, (primary, *others))
        self.add_people(spec, heads)
        return spec

    def add_people(self, spec: OrgSpec, heads: tuple[str, ...]) -> None:
        """A head for every organisation; a unit with its head for some."""
        country, registered = spec.fields["country"], spec.fields["registered_on"]
        domain = spec.fields["website"].removeprefix("https://")
        self.plan.posts.append(
            PostSpec(
                self.person(country),
                spec.key,
                HEADS[self.rng.choice(heads)],
                start_date=self.day(registered, ANCHOR - timedelta(days=60)),
                email=f"head@{domain}",
            )
        )
        if self.rng.random() < 0.25:
            names, kind = self.rng.choice(UNIT_WORDS)
            unit = UnitSpec(f"{spec.key}-unit", spec.key, names, kind)
            self.plan.units.append(unit)
            self.plan.posts.append(
                PostSpec(
                    self.person(country),
                    spec.key,
                    HEAD_OF_UNIT,
                    unit=unit.key,
                    start_date=self.day(registered, ANCHOR - timedelta(days=30)),
                )
            )

    def sector(self) -> None:
        """The generated NGOs: every Kazakh region and 31 Russian ones, big cities having more."""
        self.plan.orgs.append(self.showcase())
        kz = self.regions_weighted(KZ_CITIES, KZ_NGOS - 1, minimum=6, weight_index=4)
        ru = self.regions_weighted(RU_CITIES, RU_NGOS, minimum=2, weight_index=3)
        for country, regions in (("KZ", kz), ("RU", ru)):
            for region in regions:
                spec = self.ngo(country, region)
                self.ngos.append(spec)
                self.plan.orgs.append(spec)

    def regions_weighted(self, cities: dict, total: int, *, minimum: int, weight_index: int) -> list[str]:
        codes = list(cities)
        extra = self.rng.choices(
            codes, weights=[cities[c][weight_index] for c in codes], k=total - minimum * len(codes)
        )
        return sorted([code for code in codes for _ in range(minimum)] + extra)

    def showcase(self) -> OrgSpec:
        """A fixed NGO in Almaty that the demo «NGO representative» acts for."""
        self.names.add(("KZ", "Равные возможности"))
        self.full_names.add("Общественный фонд «Равные возможности»")
        self.slugs.add("equal-opportunities")
        spec = OrgSpec(
            "showcase",
            {
                "name_ru": "Общественный фонд «Равные возможности»",
                "name_kk": "«Тең мүмкіндіктер» қоғамдық қоры",
                "name_en": "Public Foundation “Equal Opportunities”",
                "kind": OrganisationKind.NGO,
                "legal_form": "kz-public-fund",
                "country": "KZ",
                "region": "KZ-75",
                "bin": SHOWCASE_NGO_BIN,
                "registered_on": date(2012, 5, 14),
                "website": "https://equal-opportunities.example.org",
                "email": "info@equal-opportunities.example.org",
                "description_ru": THEME_WORDS["inclusion"][1][0] + " " + SECOND_SENTENCES[3][0],
                "description_kk": THEME_WORDS["inclusion"][1][1] + " " + SECOND_SENTENCES[3][1],
                "description_en": THEME_WORDS["inclusion"][1][2] + " " + SECOND_SENTENCES[3][2],
            },
            ("inclusion", "volunteering", "fundraising"),
        )
        self.ngos.append(spec)
        self.add_people(spec, ("director",))
        return spec

    # --- networks ---
    def network(
        self, key: str, country: str, region: str, names: T, short_name: str, themes: tuple[str, ...], registered: date
    ) -> OrgSpec:
        form = "kz-ale" if country == "KZ" else "ru-association"
        slug = self.slug(names[2].removeprefix("Association "))
        fields: dict[str, Any] = {
            "name_ru": names[0],
            "name_en": names[2],
            "short_name": short_name,
            "kind": OrganisationKind.NETWORK,
            "legal_form": form,
            "country": country,
            "region": region,
            "registered_on": registered,
            "website": f"https://{slug}.example.org",
            "email": f"office@{slug}.example.org",
            "description_ru": "Сеть некоммерческих организаций: обмен практиками, совместные проекты и "
            "представление интересов членов.",
            "description_en": "A network of non-profit organisations: exchange of practices, joint projects and "
            "representation of its members.",
        }
        if country == "KZ":
            fields["name_kk"] = names[1]
            fields["description_kk"] = (
                "Коммерциялық емес ұйымдар желісі: тәжірибе алмасу, бірлескен жобалар және "
                "мүшелердің мүдделерін білдіру."
            )
            fields["bin"] = self.bin(registered)
        else:
            fields["inn"], fields["ogrn"] = self.inn_ogrn(registered, RU_CITIES[region][4])
        spec = OrgSpec(key, fields, themes)
        self.plan.orgs.append(spec)
        self.plan.posts.append(
            PostSpec(
                self.person(country),
                key,
                HEADS["executive"],
                start_date=self.day(registered, ANCHOR - timedelta(days=90)),
                email=f"director@{slug}.example.org",
            )
        )
        return spec

    def members(self, network: OrgSpec, candidates: list[OrgSpec], count: int, *, since: date | None = None) -> None:
        """Link `count` of the candidates to the network; a fifth are associate members, a few have left."""
        opened = since or network.fields["registered_on"]
        chosen = self.rng.sample(candidates, k=min(count, len(candidates)))
        for member in sorted(chosen, key=lambda spec: spec.key):
            start = max(opened, member.fields.get("registered_on") or opened) + timedelta(days=30)
            joined = self.day(start, ANCHOR - timedelta(days=45))
            left = None
            if self.rng.random() < 0.05 and (ANCHOR - joined).days > 400:
                left = self.day(joined + timedelta(days=365), ANCHOR - timedelta(days=20))
            kind = MembershipType.ASSOCIATE if self.rng.random() < 0.2 else MembershipType.FULL
            self.plan.links.append(LinkSpec(network.key, member.key, kind, joined, left))

    def networks(self) -> None:
        """Seven regional, thematic and cross-border networks with members, and the members of ГАК."""
        made: list[OrgSpec] = []
        for key, country, region, names, short, themes, registered, pool, regions, theme, count in NETWORKS:
            network = self.network(key, country, region, names, short, themes, registered)
            candidates = [
                s for s in self.ngos
                if s.fields["country"] in pool and (not regions or s.fields["region"] in regions)
                and (not theme or theme in s.themes)
            ]  # fmt: skip
            self.members(network, candidates, count)
            made.append(network)
        # ГАК unites NGOs from every region of Kazakhstan (two at least from each), and the Kazakh networks.
        kz = [s for s in self.ngos if s.fields["country"] == "KZ"]
        kz_networks = [n for n in made if n.fields["country"] == "KZ"]
        by_region: dict[str, list[OrgSpec]] = {}
        for spec in kz:
            by_region.setdefault(spec.fields["region"], []).append(spec)
        chosen = [spec for region in sorted(by_region) for spec in self.rng.sample(by_region[region], k=2)]
        rest = [spec for spec in kz if spec not in chosen]
        chosen += self.rng.sample(rest, k=GAK_MEMBERS - len(chosen) - len(kz_networks))
        gak = next(spec for spec in self.plan.orgs if spec.key == "gak")
        self.members(gak, chosen + kz_networks, GAK_MEMBERS, since=date(2008, 1, 1))
