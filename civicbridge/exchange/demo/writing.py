"""Writing the exchange demo through the services: organisations, practices and their moderation, adoptions,
needs and offers, partnership requests and memoranda — creating only what is missing, so a second run writes nothing.

Each record is found by a stable key: an organisation by its БИН or ИНН, a practice by its organisation and its title
in the original language, an adoption by practice, organisation and place, a listing by organisation, kind and title,
a request by its two organisations and message, a partnership by its title. The services stamp everything with today;
the demo then moves the dates of what it says happened earlier (publication, adoption, requests) into the past, as the
grants demo does with its finished round, so that the library reads as three years of work rather than one afternoon.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from civicbridge.accounts.models import Membership, User
from civicbridge.accounts.services import user_register
from civicbridge.registry import services as registry_services
from civicbridge.registry.demo import SHOWCASE_NGO_BIN
from civicbridge.registry.models import Country, LegalForm, Organisation, Region, Theme

from ..models import Adoption, Listing, Partnership, PartnershipRequest, Practice
from ..services import adoptions, listings, partnerships, practices
from .organisations import GAK, ORGS, RU_SUBJECTS, SHOWCASE
from .plan import Plan, PracticeSpec

LINK_TITLES = {
    "ru": "Подробнее на сайте организации",
    "kk": "Ұйымның сайтында толығырақ",
    "en": "More on the organisation's website",
}


def _at(day: date) -> datetime:
    """Mid-morning in Astana on that day (never later than now)."""
    moment = datetime.combine(day, time(11, 0), tzinfo=timezone.get_default_timezone())
    return min(moment, timezone.now())


class _Writer:
    """Creates what is missing, through the exchange and registry services, acting as each organisation's editor."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.done: Counter[str] = Counter()
        self.themes = {t.code: t for t in Theme.objects.all()}
        self.countries = {c.code: c for c in Country.objects.filter(code__in=["KZ", "RU"])}
        self.regions = {r.code: r for r in Region.objects.filter(country__in=["KZ", "RU"])}
        self.forms = {f.code: f for f in LegalForm.objects.filter(country__in=["KZ", "RU"])}
        showcase = Organisation.objects.filter(bin=SHOWCASE_NGO_BIN).first()
        gak = Organisation.objects.filter(short_name="ГАК", country="KZ").first()
        self.moderator = User.objects.filter(email__iexact=f"moderator@{DEMO_DOMAIN}").first()
        ngo_user = User.objects.filter(email__iexact=f"ngo@{DEMO_DOMAIN}").first()
        coordinator = User.objects.filter(email__iexact=f"coordinator@{DEMO_DOMAIN}").first()
        if None in (showcase, gak, self.moderator, ngo_user, coordinator):
            raise LookupError("The registry and accounts demo data are missing: load them first.")
        if not {"KZ", "RU"} <= set(self.countries) or len(self.themes) < 20:
            raise LookupError("Reference data is missing: run `civicbridge migrate` first.")
        self.orgs: dict[str, Organisation] = {SHOWCASE: showcase, GAK: gak}
        self.users: dict[str, User] = {SHOWCASE: ngo_user, GAK: coordinator}
        self.practices: dict[str, Practice] = {}
        self.listings: dict[str, Listing] = {}

    # --- organisations and the people who act for them ---

    def organisations(self) -> None:
        numbers = {org.key: org.fields(RU_SUBJECTS.get(org.region, 0)) for org in ORGS}  # key → registry fields
        existing = Organisation.objects.filter(bin__in=[f["bin"] for f in numbers.values() if "bin" in f]) | (
            Organisation.objects.filter(inn__in=[f["inn"] for f in numbers.values() if "inn" in f])
        )
        by_number = {org.bin or org.inn: org for org in existing}
        for org in ORGS:
            fields = dict(numbers[org.key])
            found = by_number.get(fields.get("bin") or fields.get("inn"))
            if found is None:
                fields.update(
                    country=self.countries[org.country],
                    region=self.regions[org.region],
                    legal_form=self.forms[org.legal_form],
                )
                found = registry_services.organisation_create(
                    actor=None, themes=[self.themes[code] for code in org.themes], **fields
                )
                self.done["organisations created"] += 1
            self.orgs[org.key] = found
        for org in ORGS:
            self.users[org.key] = self._representative(org.key, org.names[0])

    def _representative(self, key: str, name: str) -> User:
        """The demo representative of a publisher (shared demo password, processing consent, a membership)."""
        email = f"exchange-{key}@{DEMO_DOMAIN}"
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_register(
                email=email, password=DEMO_PASSWORD, full_name=f"Демо: представитель {name}"[:150],
                consent_processing=True,
            )  # fmt: skip
            self.done["representatives created"] += 1
        Membership.objects.get_or_create(user=user, role=Role.REPRESENTATIVE, organisation=self.orgs[key])
        user.__dict__.pop("_cb_roles", None)  # the rules cache a user's roles on the object
        return user

    # --- practices ---

    def practices_(self) -> None:
        existing = {
            (p.organisation_id, p.original_language, getattr(p, f"title_{p.original_language}")): p
            for p in Practice.objects.filter(organisation__in=self.orgs.values())
        }
        for spec in self.plan.practices:
            org = self.orgs[spec.org]
            key = (org.pk, spec.original_language, spec.texts[spec.original_language].title)
            practice = existing.get(key)
            if practice is None:
                practice = self._practice(spec, org)
                self.done["practices created"] += 1
            self.practices[spec.key] = practice

    def _practice(self, spec: PracticeSpec, org: Organisation) -> Practice:
        author = self.users[spec.org]
        links = [{"url": url, "title": title} for url, title in spec.links] or [
            {"url": f"{org.website.rstrip('/')}/practices/{spec.key}", "title": LINK_TITLES[spec.original_language]}
        ]
        # The report's organisations have no e-mail in the registry: their practice names the site's mailbox.
        contacts = org.email or f"info@{urlsplit(links[0]['url']).hostname}"
        fields: dict[str, Any] = {"country": spec.country, "region": spec.region, "contacts": contacts}
        for language, version in spec.texts.items():
            fields.update(version.fields(language))
        practice = practices.practice_create(
            actor=author,
            organisation=org,
            original_language=spec.original_language,
            fields=fields,
            themes=spec.themes,
            target_groups=spec.groups,
            links=links,
        )
        if spec.status == "draft":
            return practice
        practice = practices.practice_submit(actor=author, practice=practice)
        if spec.status == "submitted":
            return practice
        if spec.status == "returned":
            return practices.practice_return(actor=self.moderator, practice=practice, reason=spec.reason)
        practice = practices.practice_publish(actor=self.moderator, practice=practice)
        if spec.published is not None:
            # Written a fortnight before publication; moderated in two days.
            moment = _at(spec.published)
            Practice.objects.filter(pk=practice.pk).update(
                created_at=moment - timedelta(days=14),
                submitted_at=moment - timedelta(days=2),
                published_at=moment,
            )
        if spec.status == "archived":
            practice = practices.practice_archive(actor=author, practice=practice)
        return practice

    # --- adoptions ---

    def adoptions_(self) -> None:
        existing = set(
            Adoption.objects.filter(practice__in=self.practices.values()).values_list(
                "practice_id", "organisation_id", "region_id"
            )
        )
        for spec in self.plan.adoptions:
            practice, org = self.practices[spec.practice], self.orgs[spec.org]
            if (practice.pk, org.pk, spec.region) in existing:
                continue
            adoption = adoptions.adoption_record(
                actor=self.users[spec.org],
                practice=practice,
                organisation=org,
                adopted_on=spec.adopted_on,
                country=spec.region[:2],
                region=spec.region,
                place=spec.place,
                result=spec.result,
            )
            Adoption.objects.filter(pk=adoption.pk).update(created_at=_at(spec.adopted_on))
            self.done["adoptions recorded"] += 1

    # --- needs and offers ---

    def listings_(self) -> None:
        existing = {
            (item.organisation_id, item.kind, getattr(item, f"title_{item.original_language}")): item
            for item in Listing.objects.filter(organisation__in=self.orgs.values())
        }
        for spec in self.plan.listings:
            org, author = self.orgs[spec.org], self.users[spec.org]
            item = existing.get((org.pk, spec.kind, spec.texts[spec.original_language][0]))
            if item is None:
                fields = {}
                for language, (title, description) in spec.texts.items():
                    fields[f"title_{language}"], fields[f"description_{language}"] = title, description
                countries = spec.countries or tuple(dict.fromkeys(code[:2] for code in spec.regions))
                item = listings.listing_create(
                    actor=author,
                    organisation=org,
                    kind=spec.kind,
                    fields=fields,
                    themes=[self.themes[code] for code in spec.themes],
                    countries=[self.countries[code] for code in countries],
                    regions=[self.regions[code] for code in spec.regions],
                    languages=spec.languages,
                    cross_border=spec.cross_border,
                    expires_on=spec.expires_on,
                    original_language=spec.original_language,
                )
                if spec.closed:
                    item = listings.listing_close(actor=author, listing=item)
                self.done["needs and offers posted"] += 1
            self.listings[spec.key] = item

    # --- partnership requests and partnerships ---

    def requests(self) -> dict[tuple[str, str], PartnershipRequest]:
        sent: dict[tuple[str, str], PartnershipRequest] = {}
        existing = {
            (r.from_organisation_id, r.to_organisation_id, r.message): r
            for r in PartnershipRequest.objects.filter(from_organisation__in=self.orgs.values())
        }
        for spec in self.plan.requests:
            sender, recipient = self.orgs[spec.from_org], self.orgs[spec.to_org]
            request = existing.get((sender.pk, recipient.pk, spec.message))
            if request is None:
                request = partnerships.request_send(
                    actor=self.users[spec.from_org],
                    from_organisation=sender,
                    to_organisation=recipient,
                    message=spec.message,
                    listing=self.listings[spec.listing] if spec.listing else None,
                )
                if spec.status == "accepted":
                    request = partnerships.request_accept(
                        actor=self.users[spec.to_org], request=request, reply=spec.reply
                    )
                elif spec.status == "declined":
                    request = partnerships.request_decline(
                        actor=self.users[spec.to_org], request=request, reply=spec.reply
                    )
                elif spec.status == "withdrawn":
                    request = partnerships.request_withdraw(actor=self.users[spec.from_org], request=request)
                if spec.sent_on is not None:
                    answered = _at(spec.sent_on) + timedelta(days=6)
                    PartnershipRequest.objects.filter(pk=request.pk).update(
                        created_at=_at(spec.sent_on),
                        updated_at=min(answered, timezone.now()) if spec.status != "sent" else _at(spec.sent_on),
                        decided_at=min(answered, timezone.now()) if spec.status in ("accepted", "declined") else None,
                    )
                self.done["partnership requests sent"] += 1
            sent[(spec.from_org, spec.to_org)] = request
        return sent

    def partnerships_(self, requests: dict[tuple[str, str], PartnershipRequest]) -> None:
        existing = set(Partnership.objects.filter(title__in=[p.title for p in self.plan.partnerships]).values_list(
            "title", flat=True
        ))  # fmt: skip
        for spec in self.plan.partnerships:
            if spec.title in existing:
                continue
            partnerships.partnership_record(
                actor=self.users[spec.parties[0]],
                parties=[self.orgs[key] for key in spec.parties],
                title=spec.title,
                signed_on=spec.signed_on,
                starts_on=spec.starts_on,
                ends_on=spec.ends_on,
                themes=[self.themes[code] for code in spec.themes],
                description=spec.description,
                request=requests[spec.request] if spec.request else None,
            )
            self.done["partnerships recorded"] += 1
