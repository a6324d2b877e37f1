"""Conflicts of interest between experts and applications, found automatically and in bulk.

An expert is conflicted with an application when, today,
- the registry Person linked to the expert's account holds a current Position (no end date) in the applicant or
  one of its partners;
- the expert's account has a Membership (any role) in the applicant or one of its partners;
- one of the expert's organisations (from the two links above) and the applicant or a partner share a network:
  both are current members (NetworkMembership without `left_on`) of one network, or one of them is that network;
- the expert declared a conflict with the application (ConflictDeclaration, or a review ended as "conflict").

`ConflictIndex` answers "which experts are conflicted with this application" for a whole call in a handful of
queries (an inverted index: organisation → experts whose circle holds it), so assignment of 10,000 applications
never asks the database per pair. `conflict_reasons` explains one pair in words for a refusal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from civicbridge.accounts.models import Membership
from civicbridge.registry.models import NetworkMembership, Organisation, Position

from ..choices import ReviewStatus
from ..models import Application, ApplicationPartner, ConflictDeclaration, Review


def _expert_organisations(expert_ids: Iterable[int]) -> dict[int, dict[int, str]]:
    """{expert id: {organisation id: "position" | "membership"}}: where each expert works or holds a role now."""
    expert_ids = list(expert_ids)
    orgs: dict[int, dict[int, str]] = defaultdict(dict)
    positions = Position.objects.filter(person__user_id__in=expert_ids, end_date__isnull=True).values_list(
        "person__user_id", "organisation_id"
    )
    for user_id, org_id in positions:
        orgs[user_id][org_id] = "position"
    memberships = Membership.objects.filter(user_id__in=expert_ids, organisation__isnull=False).values_list(
        "user_id", "organisation_id"
    )
    for user_id, org_id in memberships:
        orgs[user_id].setdefault(org_id, "membership")
    return orgs


def _networks_of(org_ids: set[int]) -> dict[int, set[int]]:
    """{organisation id: ids of the networks it is a current member of}, for the given organisations."""
    networks: dict[int, set[int]] = defaultdict(set)
    if not org_ids:
        return networks
    ids = sorted(org_ids)
    for start in range(0, len(ids), 5000):  # SQLite caps the parameters of one statement
        links = NetworkMembership.objects.filter(left_on__isnull=True, member_id__in=ids[start : start + 5000])
        for member_id, network_id in links.values_list("member_id", "network_id"):
            networks[member_id].add(network_id)
    return networks


@dataclass
class ConflictIndex:
    """Every conflict between a set of experts and a set of applications, computed once."""

    parties: dict[int, set[int]] = field(default_factory=dict)  # application id → applicant and partner ids
    by_org: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))  # org id → experts it conflicts
    party_networks: dict[int, set[int]] = field(default_factory=dict)
    declared: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))  # application id → experts

    @classmethod
    def build(cls, applications, expert_ids: Iterable[int]) -> ConflictIndex:
        """`applications`: a queryset of Application (or a list of them); `expert_ids`: user ids of experts."""
        expert_ids = set(expert_ids)
        index = cls()
        if isinstance(applications, list | tuple):
            app_rows = [(a.pk, a.organisation_id) for a in applications]
            app_ids = [pk for pk, _org in app_rows]
            partner_rows = ApplicationPartner.objects.filter(application_id__in=app_ids)
            declared = ConflictDeclaration.objects.filter(application_id__in=app_ids)
            conflict_reviews = Review.objects.filter(application_id__in=app_ids, status=ReviewStatus.CONFLICT)
        else:
            app_rows = list(applications.values_list("pk", "organisation_id"))
            partner_rows = ApplicationPartner.objects.filter(application__in=applications.values("pk"))
            declared = ConflictDeclaration.objects.filter(application__in=applications.values("pk"))
            conflict_reviews = Review.objects.filter(
                application__in=applications.values("pk"), status=ReviewStatus.CONFLICT
            )
        for pk, org_id in app_rows:
            index.parties[pk] = {org_id}
        for app_id, org_id in partner_rows.values_list("application_id", "organisation_id"):
            index.parties.setdefault(app_id, set()).add(org_id)
        for app_id, expert_id in declared.values_list("application_id", "expert_id"):
            index.declared[app_id].add(expert_id)
        for app_id, expert_id in conflict_reviews.values_list("application_id", "expert_id"):
            index.declared[app_id].add(expert_id)

        expert_orgs = _expert_organisations(expert_ids)
        all_expert_orgs = {org for orgs in expert_orgs.values() for org in orgs}
        all_parties = {org for orgs in index.parties.values() for org in orgs}
        networks = _networks_of(all_expert_orgs | all_parties)
        # An expert's circle: the organisations they are in and the networks those belong to. A party's circle
        # likewise. Two circles meeting means a direct tie or a shared network.
        for expert_id, orgs in expert_orgs.items():
            for org in orgs:
                index.by_org[org].add(expert_id)
                for network in networks.get(org, ()):
                    index.by_org[network].add(expert_id)
        index.party_networks = {org: networks.get(org, set()) for org in all_parties}
        return index

    def conflicted(self, application_id: int) -> set[int]:
        """Ids of the experts conflicted with the application."""
        result = set(self.declared.get(application_id, ()))
        for org in self.parties.get(application_id, ()):
            result |= self.by_org.get(org, set())
            for network in self.party_networks.get(org, ()):
                result |= self.by_org.get(network, set())
        return result


def conflicted_experts(application: Application, expert_ids: Iterable[int]) -> set[int]:
    """Which of these experts are conflicted with one application."""
    return ConflictIndex.build([application], expert_ids).conflicted(application.pk)


def has_conflict(expert, application: Application) -> bool:
    return expert.pk in conflicted_experts(application, [expert.pk])


def conflict_reasons(expert, application: Application) -> list[str]:
    """Every reason the expert is conflicted with the application, in words (empty when there is none)."""
    reasons: list[str] = []
    parties = {application.organisation_id, *application.partners.values_list("organisation_id", flat=True)}
    names = dict(Organisation.objects.filter(pk__in=parties).values_list("pk", "name_ru"))
    expert_orgs = _expert_organisations([expert.pk]).get(expert.pk, {})
    for org_id, link in sorted(expert_orgs.items()):
        if org_id not in parties:
            continue
        role = _("the applicant") if org_id == application.organisation_id else _("a partner")
        if link == "position":
            message = _("The expert holds a position in %(organisation)s, %(role)s.")
        else:
            message = _("The expert has a role in %(organisation)s, %(role)s.")
        reasons.append(message % {"organisation": names.get(org_id, org_id), "role": role})
    networks = _networks_of(set(expert_orgs) | parties)
    expert_circle = {network for org in expert_orgs for network in networks.get(org, ())} | set(expert_orgs)
    party_circle = {network for org in parties for network in networks.get(org, ())} | parties
    shared = (expert_circle & party_circle) - (set(expert_orgs) & parties)
    if shared:
        network_names = Organisation.objects.filter(pk__in=shared).order_by("name_ru").values_list("name_ru", flat=True)
        reasons.append(
            _("The expert's organisation and the applicant or a partner share a network: %(networks)s.")
            % {"networks": ", ".join(network_names)}
        )
    declared = (
        ConflictDeclaration.objects.filter(expert=expert, application=application).exists()
        or Review.objects.filter(expert=expert, application=application, status=ReviewStatus.CONFLICT).exists()
    )
    if declared:
        reasons.append(_("The expert declared a conflict of interest with this application."))
    return reasons
