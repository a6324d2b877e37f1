"""Delegation visits: the services' rules and bad input, who may edit, the panel's fixed query count, the public list
with its country filters, and the organisers' pages."""

from __future__ import annotations

import datetime
import zoneinfo
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from civicbridge.events.choices import DelegationRole, EventKind, EventStatus
from civicbridge.events.models import Delegation, DelegationMember, DelegationVisit, Event
from civicbridge.events.selectors.delegations import attach_delegation, public_delegation_visits
from civicbridge.events.services import delegations as services
from civicbridge.registry.models import Country
from civicbridge.registry.tests.factories import (
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    RussianOrganisationFactory,
)

from .test_outcomes_services import editor, make_event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def visit_event(organiser, **kw):
    kw.setdefault("status", EventStatus.PUBLISHED)
    kw.setdefault("days_ago", -10)
    return make_event(organiser, kind=EventKind.DELEGATION_VISIT, **kw)


@pytest.fixture
def host(db):
    return RussianOrganisationFactory()


@pytest.fixture
def event(org):
    return visit_event(org)


@pytest.fixture
def delegation(event, representative, org, host):
    return services.delegation_save(
        actor=representative,
        event=event,
        hosts=[host],
        visitors=[org],
        fields={"purpose_ru": "Обмен опытом"},
    )


def at(event, hours):
    return event.starts_at + timedelta(hours=hours)


class TestDelegation:
    def test_save_and_change(self, delegation, org, host, representative, event):
        assert delegation.purpose == "Обмен опытом"
        assert list(delegation.hosts.all()) == [host] and list(delegation.visitors.all()) == [org]
        other = OrganisationFactory()
        again = services.delegation_save(actor=representative, event=event, hosts=[host], visitors=[org, other])
        assert again.pk == delegation.pk and set(again.visitors.all()) == {org, other}
        assert Delegation.objects.count() == 1

    def test_bad_input(self, representative, event, org):
        with pytest.raises(ValidationError) as exc:
            services.delegation_save(actor=representative, event=event, hosts=[org], visitors=[org])
        assert "visitors" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            services.delegation_save(actor=representative, event=event, hosts=[], visitors=[])
        assert {"hosts", "visitors"} <= set(exc.value.message_dict)
        assert not Delegation.objects.exists()

    def test_only_for_delegation_visits(self, representative, org, host):
        forum = make_event(org)
        with pytest.raises(ValidationError, match="delegation visit"):
            services.delegation_save(actor=representative, event=forum, hosts=[host], visitors=[org])

    def test_only_organisers(self, event, org, host, citizen, other_org, moderator):
        for user in (citizen, editor(other_org), editor(host)):
            with pytest.raises(PermissionDenied):
                services.delegation_save(actor=user, event=event, hosts=[host], visitors=[org])
        assert services.delegation_save(actor=moderator, event=event, hosts=[host], visitors=[org]).pk

    def test_one_delegation_per_event(self, delegation, event):
        with pytest.raises(IntegrityError), transaction.atomic():
            Delegation.objects.create(event=event)


class TestMembers:
    def test_add_with_current_post(self, delegation, representative, org):
        person = PersonFactory()
        PositionFactory(person=person, organisation=org)
        member = services.member_add(actor=representative, delegation=delegation, person=person)
        assert member.organisation == org and member.role == DelegationRole.MEMBER

    def test_one_head_and_once_each(self, delegation, representative):
        head = services.member_add(
            actor=representative, delegation=delegation, person=PersonFactory(), role=DelegationRole.HEAD
        )
        with pytest.raises(ValidationError) as exc:
            services.member_add(
                actor=representative, delegation=delegation, person=PersonFactory(), role=DelegationRole.HEAD
            )
        assert "role" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            services.member_add(actor=representative, delegation=delegation, person=head.person)
        assert "person" in exc.value.message_dict
        with pytest.raises(IntegrityError), transaction.atomic():
            DelegationMember.objects.create(delegation=delegation, person=head.person)

    def test_change_and_remove(self, delegation, representative, host):
        member = services.member_add(actor=representative, delegation=delegation, person=PersonFactory())
        changed = services.member_change(
            actor=representative, member=member, role=DelegationRole.INTERPRETER, organisation=host
        )
        assert changed.role == DelegationRole.INTERPRETER and changed.organisation == host
        services.member_remove(actor=representative, member=member)
        assert not DelegationMember.objects.exists()

    def test_stranger_cannot_add(self, delegation, citizen):
        with pytest.raises(PermissionDenied):
            services.member_add(actor=citizen, delegation=delegation, person=PersonFactory())


class TestVisits:
    def test_add_within_the_stay(self, delegation, representative, event, host):
        visit = services.visit_add(
            actor=representative,
            delegation=delegation,
            organisation=host,
            fields={"title_ru": "Встреча в Общественной палате"},
            starts_at=at(event, 1),
            ends_at=at(event, 2),
            address="Миусская пл., 7",
        )
        assert visit.title == "Встреча в Общественной палате"

    @pytest.mark.parametrize(
        ("start", "end", "field"),
        [(2, 1, "ends_at"), (24 * 5, 24 * 5 + 1, "starts_at"), (-24 * 5, -24 * 5 + 1, "starts_at")],
    )
    def test_bad_times(self, delegation, representative, event, start, end, field):
        with pytest.raises(ValidationError) as exc:
            services.visit_add(
                actor=representative,
                delegation=delegation,
                fields={"title_ru": "Визит"},
                starts_at=at(event, start),
                ends_at=at(event, end),
            )
        assert field in exc.value.message_dict
        assert not DelegationVisit.objects.exists()

    def test_naive_time_refused(self, delegation, representative):
        with pytest.raises(ValidationError):
            services.visit_add(
                actor=representative,
                delegation=delegation,
                fields={"title_ru": "Визит"},
                starts_at=datetime.datetime(2026, 1, 1, 10),
                ends_at=datetime.datetime(2026, 1, 1, 11),
            )

    def test_title_required(self, delegation, representative, event):
        with pytest.raises(ValidationError) as exc:
            services.visit_add(
                actor=representative, delegation=delegation, fields={}, starts_at=at(event, 1), ends_at=at(event, 2)
            )
        assert "title_ru" in exc.value.message_dict

    def test_update_and_remove(self, delegation, representative, event):
        visit = services.visit_add(
            actor=representative,
            delegation=delegation,
            fields={"title_ru": "Визит"},
            starts_at=at(event, 1),
            ends_at=at(event, 2),
        )
        updated = services.visit_update(actor=representative, visit=visit, fields={"title_ru": "Другое"})
        assert updated.title == "Другое"
        services.visit_remove(actor=representative, visit=visit)
        assert not DelegationVisit.objects.exists()


def full_delegation(organiser, representative, members=3, visits=3):
    event = visit_event(organiser)
    delegation = services.delegation_save(
        actor=representative,
        event=event,
        hosts=[RussianOrganisationFactory(), RussianOrganisationFactory()],
        visitors=[organiser, OrganisationFactory()],
        fields={"purpose_ru": "Обмен опытом"},
    )
    for _ in range(members):
        services.member_add(actor=representative, delegation=delegation, person=PersonFactory(), organisation=organiser)
    for i in range(visits):
        services.visit_add(
            actor=representative,
            delegation=delegation,
            organisation=OrganisationFactory(),
            fields={"title_ru": f"Визит {i}"},
            starts_at=at(event, i),
            ends_at=at(event, i + 1),
        )
    return event


class TestPanel:
    @pytest.mark.parametrize("size", [1, 6])
    def test_fixed_queries(self, org, representative, size, django_assert_num_queries):
        event = Event.objects.get(pk=full_delegation(org, representative, members=size, visits=size).pk)
        with django_assert_num_queries(5):
            attach_delegation(event)
            delegation = event.delegation
            rows = [
                *(o.country.name for o in delegation.hosts.all()),
                *(o.country.name for o in delegation.visitors.all()),
                *(str(m.person) + str(m.organisation) for m in delegation.members.all()),
                *(str(v.organisation) for v in delegation.visits.all()),
            ]
        assert len(rows) == 4 + 2 * size

    def test_other_kinds_cost_nothing(self, org, django_assert_num_queries):
        event = make_event(org)
        with django_assert_num_queries(0):
            attach_delegation(event)
        assert getattr(event, "delegation", None) is None

    def test_page_shows_everything(self, client, org, representative):
        event = full_delegation(org, representative)
        response = client.get(reverse("events:delegation", args=[event.pk]))
        assert response.status_code == 200
        text = response.content.decode()
        assert "Обмен опытом" in text and "Визит 2" in text and "Programme of visits" in text
        assert "Change the delegation" not in text

    def test_organisers_are_invited_to_describe_it(self, client, event, representative, citizen):
        url = reverse("events:delegation", args=[event.pk])
        client.force_login(citizen)
        assert "The delegation is not described yet." in client.get(url).content.decode()
        client.force_login(representative)
        assert "Describe the delegation" in client.get(url).content.decode()

    def test_draft_is_hidden(self, client, org):
        event = visit_event(org, status=EventStatus.DRAFT)
        assert client.get(reverse("events:delegation", args=[event.pk])).status_code == 404


class TestList:
    def test_filters_by_country(self, org, representative):
        kz_to_ru = full_delegation(org, representative, members=0, visits=0)
        ru_org = RussianOrganisationFactory()
        ru_editor = editor(ru_org)
        ru_to_kz = visit_event(ru_org)
        services.delegation_save(actor=ru_editor, event=ru_to_kz, hosts=[OrganisationFactory()], visitors=[ru_org])
        visit_event(org, status=EventStatus.DRAFT)
        assert set(public_delegation_visits()) == {kz_to_ru, ru_to_kz}
        assert list(public_delegation_visits({"host_country": "RU"})) == [kz_to_ru]
        assert list(public_delegation_visits({"visitor_country": "RU"})) == [ru_to_kz]
        assert list(public_delegation_visits({"host_country": "RU", "visitor_country": "KZ"})) == [kz_to_ru]

    def test_page_query_count(self, client, org, representative, django_assert_max_num_queries):
        for _ in range(3):
            full_delegation(org, representative, members=0, visits=0)
        url = reverse("events:delegations")
        client.get(url)
        with django_assert_max_num_queries(12) as few:
            response = client.get(url + "?host_country=RU")
        for _ in range(5):
            full_delegation(org, representative, members=0, visits=0)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(url + "?host_country=RU")
        assert response.status_code == 200 and "8 delegation visits found" in response.content.decode()


class TestEditPages:
    def test_organiser_records_the_delegation(self, client, event, representative, org, host):
        client.force_login(representative)
        url = reverse("events:delegation-edit", args=[event.pk])
        assert client.get(url).status_code == 200
        response = client.post(
            url,
            {"hosts": str(host.pk), "visitors": f"{org.pk}", "original_language": "ru", "purpose_ru": "Цель"},
        )
        assert response.status_code == 302
        delegation = Delegation.objects.get(event=event)
        person = PersonFactory()
        response = client.post(
            reverse("events:delegation-member-add", args=[event.pk]), {"person": person.pk, "role": "head"}
        )
        assert response.status_code == 302 and delegation.members.get().role == "head"
        zone_start = event.starts_at.astimezone(zoneinfo.ZoneInfo(event.time_zone))
        response = client.post(
            reverse("events:delegation-visit-add", args=[event.pk]),
            {
                "title_ru": "Визит в палату",
                "original_language": "ru",
                "organisation": host.pk,
                "starts_at": zone_start.strftime("%Y-%m-%dT%H:%M"),
                "ends_at": (zone_start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        visit = delegation.visits.get()
        assert visit.starts_at == event.starts_at.replace(second=0, microsecond=0)
        page = client.get(url).content.decode()
        assert "Визит в палату" in page
        edit = client.get(reverse("events:delegation-visit-edit", args=[event.pk, visit.pk]))
        assert edit.status_code == 200 and zone_start.strftime("%Y-%m-%dT%H:%M") in edit.content.decode()
        response = client.post(reverse("events:delegation-remove", args=[event.pk, "visits", visit.pk]))
        assert response.status_code == 302 and not delegation.visits.exists()

    def test_bad_numbers_are_shown(self, client, event, representative):
        client.force_login(representative)
        response = client.post(
            reverse("events:delegation-edit", args=[event.pk]),
            {"hosts": "999999", "visitors": "abc", "original_language": "ru"},
        )
        assert response.status_code == 400
        text = response.content.decode()
        assert "Nothing in the registry has these numbers: 999999." in text and "Enter registry numbers" in text

    def test_strangers_are_refused(self, client, event, citizen):
        client.force_login(citizen)
        assert client.get(reverse("events:delegation-edit", args=[event.pk])).status_code == 403

    def test_country_model_has_codes(self):
        assert Country.objects.filter(code__in=["KZ", "RU"]).count() == 2
