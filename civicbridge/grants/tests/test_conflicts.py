"""Automatic conflicts of interest: positions, roles, shared networks and declarations, in bulk and per pair."""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus
from civicbridge.grants.services.conflicts import ConflictIndex, conflict_reasons, has_conflict
from civicbridge.registry.tests.factories import (
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

from .factories import ApplicationFactory, CallFactory, ExpertProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
_receipts = count(1)


def eligible(call, **kwargs):
    return ApplicationFactory(
        call=call,
        status=ApplicationStatus.ELIGIBLE,
        receipt_number=f"{call.code}-{next(_receipts):05d}",
        submitted_at=timezone.now(),
        **kwargs,
    )


@pytest.fixture
def call():
    return CallFactory()


@pytest.fixture
def expert():
    return ExpertProfileFactory().user


def test_no_ties_no_conflict(call, expert):
    application = eligible(call)
    assert not has_conflict(expert, application)
    assert conflict_reasons(expert, application) == []


def test_current_position_in_applicant(call, expert):
    application = eligible(call)
    PositionFactory(person=PersonFactory(user=expert), organisation=application.organisation)
    assert has_conflict(expert, application)
    [reason] = conflict_reasons(expert, application)
    assert "position" in reason and "applicant" in reason


def test_ended_position_is_no_conflict(call, expert):
    application = eligible(call)
    PositionFactory(
        person=PersonFactory(user=expert),
        organisation=application.organisation,
        start_date=date(2019, 1, 1),
        end_date=date(2021, 1, 1),
    )
    assert not has_conflict(expert, application)


def test_role_in_partner(call, expert):
    application = eligible(call)
    partner = OrganisationFactory()
    m.ApplicationPartner.objects.create(application=application, organisation=partner)
    MembershipFactory(user=expert, role=Role.REPRESENTATIVE, organisation=partner)
    assert has_conflict(expert, application)
    assert "partner" in conflict_reasons(expert, application)[0]


def test_shared_network(call, expert):
    application = eligible(call)
    own = OrganisationFactory()
    MembershipFactory(user=expert, role=Role.ORG_ADMIN, organisation=own)
    network = NetworkFactory()
    NetworkMembershipFactory(network=network, member=own)
    NetworkMembershipFactory(network=network, member=application.organisation)
    assert has_conflict(expert, application)
    assert "share a network" in conflict_reasons(expert, application)[0]


def test_left_network_is_no_conflict(call, expert):
    application = eligible(call)
    own = OrganisationFactory()
    MembershipFactory(user=expert, role=Role.ORG_ADMIN, organisation=own)
    network = NetworkFactory()
    NetworkMembershipFactory(network=network, member=own, joined_on=date(2018, 1, 1), left_on=date(2020, 1, 1))
    NetworkMembershipFactory(network=network, member=application.organisation)
    assert not has_conflict(expert, application)


def test_expert_works_for_the_network_the_partner_belongs_to(call, expert):
    application = eligible(call)
    partner = OrganisationFactory()
    m.ApplicationPartner.objects.create(application=application, organisation=partner)
    network = NetworkFactory()
    NetworkMembershipFactory(network=network, member=partner)
    PositionFactory(person=PersonFactory(user=expert), organisation=network)
    assert has_conflict(expert, application)


def test_declared_conflict(call, expert):
    application = eligible(call)
    m.ConflictDeclaration.objects.create(expert=expert, application=application, reason="Мой бывший работодатель")
    assert has_conflict(expert, application)
    assert "declared" in conflict_reasons(expert, application)[0]


def test_bulk_index_agrees_with_pairs(call, django_assert_max_num_queries):
    experts = [ExpertProfileFactory().user for _ in range(4)]
    applications = [eligible(call) for _ in range(4)]
    PositionFactory(person=PersonFactory(user=experts[0]), organisation=applications[0].organisation)
    MembershipFactory(user=experts[1], role=Role.REPRESENTATIVE, organisation=applications[1].organisation)
    network = NetworkFactory()
    NetworkMembershipFactory(network=network, member=applications[2].organisation)
    PositionFactory(person=PersonFactory(user=experts[2]), organisation=network)
    m.ConflictDeclaration.objects.create(expert=experts[3], application=applications[3], reason="родственник")
    with django_assert_max_num_queries(10):
        index = ConflictIndex.build(m.Application.objects.filter(call=call), [e.pk for e in experts])
    for application in applications:
        expected = {e.pk for e in experts if has_conflict(e, application)}
        assert index.conflicted(application.pk) == expected
    assert [index.conflicted(a.pk) for a in applications] == [{e.pk} for e in experts]
