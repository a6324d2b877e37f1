"""Routing rules: the most specific active rule wins; a rule that points nowhere is refused; by hand; passing on."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from civicbridge.accounts.choices import Role
from civicbridge.appeals.models import Appeal, RoutingRule, Transfer
from civicbridge.appeals.services import routing
from civicbridge.appeals.tests.factories import AppealFactory, CategoryFactory, RoutingRuleFactory, person_of
from civicbridge.notifications.models import Notification
from civicbridge.registry.choices import OrganisationStatus
from civicbridge.registry.tests.factories import (
    CountryFactory,
    OrganisationFactory,
    RegionFactory,
    RussianOrganisationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    kz = CountryFactory(code="KZ")
    return {
        "kz": kz,
        "almaty": RegionFactory(code="KZ-75", country=kz),
        "astana": RegionFactory(code="KZ-71", country=kz),
        "ru": CountryFactory(code="RU", name="Россия"),
    }


@pytest.fixture
def roads():
    return CategoryFactory(code="roads-test", response_days=20, theme=ThemeFactory(code="transport-test"))


def test_the_most_specific_rule_wins(place, roads):
    anywhere = RoutingRuleFactory(priority=50)  # no condition at all: a catch-all, whatever its priority
    by_theme = RoutingRuleFactory(theme=roads.theme, country=place["kz"])
    by_category = RoutingRuleFactory(category=roads, country=place["kz"])
    in_region = RoutingRuleFactory(theme=roads.theme, region=place["almaty"])
    in_region_category = RoutingRuleFactory(category=roads, region=place["almaty"])
    RoutingRuleFactory(category=roads, region=place["almaty"], is_active=False, priority=99)  # inactive: ignored
    appeal = AppealFactory(category=roads, theme=roads.theme, country=place["kz"], region=place["almaty"])
    assert routing.rule_for(appeal) == in_region_category
    in_region_category.delete()
    assert routing.rule_for(appeal) == in_region  # a region beats a country, even with a theme only
    in_region.delete()
    assert routing.rule_for(appeal) == by_category  # a category beats a theme
    by_category.delete()
    assert routing.rule_for(appeal) == by_theme
    by_theme.delete()
    assert routing.rule_for(appeal) == anywhere
    elsewhere = AppealFactory(category=roads, country=place["kz"], region=place["astana"], theme=None)
    assert routing.rule_for(elsewhere) == anywhere


def test_ties_go_to_the_higher_priority_then_the_older_rule(place, roads):
    first = RoutingRuleFactory(category=roads)
    RoutingRuleFactory(category=roads)
    appeal = AppealFactory(category=roads, country=place["kz"], region=place["almaty"])
    assert routing.rule_for(appeal) == first
    urgent = RoutingRuleFactory(category=roads, priority=5)
    assert routing.rule_for(appeal) == urgent


def test_a_rule_for_an_organisation_no_longer_active_is_skipped(place, roads):
    RoutingRuleFactory(category=roads, region=place["almaty"], responsible__status=OrganisationStatus.LIQUIDATED)
    fallback = RoutingRuleFactory(category=roads)
    appeal = AppealFactory(category=roads, country=place["kz"], region=place["almaty"])
    assert routing.rule_for(appeal) == fallback


def test_route_sets_the_responsible_the_due_date_and_the_trail(place, roads):
    rule = RoutingRuleFactory(category=roads)
    appeal = AppealFactory(category=roads, country=place["kz"], region=place["almaty"])
    assert routing.route(appeal) == rule
    appeal.refresh_from_db()
    assert appeal.responsible == rule.responsible
    assert appeal.due_at == appeal.created_at + timedelta(days=20)
    trail = Transfer.objects.get(appeal=appeal)
    assert (trail.from_organisation, trail.to_organisation, trail.rule) == (None, rule.responsible, rule)


def test_without_a_rule_the_issue_stays_unrouted(place, roads):
    appeal = AppealFactory(category=roads, country=place["kz"], region=place["almaty"])
    assert routing.route(appeal) is None
    appeal.refresh_from_db()
    assert appeal.responsible is None and appeal.due_at is None
    assert not Transfer.objects.exists()


class TestRuleThatPointsNowhere:
    def test_refused_by_the_database(self, roads):
        with pytest.raises(IntegrityError), transaction.atomic():
            RoutingRule.objects.create(category=roads, responsible_id=None)

    def test_refused_by_the_service(self, moderator, roads):
        with pytest.raises(ValidationError) as refused:
            routing.rule_save(RoutingRule(category=roads), actor=moderator)
        assert "responsible" in refused.value.message_dict
        assert not RoutingRule.objects.exists()

    def test_an_inactive_organisation_is_refused(self, moderator, roads):
        closed = OrganisationFactory(status=OrganisationStatus.SUSPENDED)
        with pytest.raises(ValidationError) as refused:
            routing.rule_save(RoutingRule(category=roads, responsible=closed), actor=moderator)
        assert "responsible" in refused.value.message_dict
        assert not RoutingRule.objects.exists()

    def test_an_organisation_in_use_cannot_be_deleted_from_under_a_rule(self, roads):
        rule = RoutingRuleFactory(category=roads)
        from django.db.models import ProtectedError

        with pytest.raises(ProtectedError):
            rule.responsible.delete()


def test_rules_are_edited_by_moderators_and_administrators_only(roads, moderator, admin_user, representative, org):
    rule = routing.rule_save(RoutingRule(category=roads, responsible=org), actor=moderator)
    assert rule.created_by == moderator
    rule.priority = 3
    routing.rule_save(rule, actor=admin_user)
    with pytest.raises(PermissionDenied):
        routing.rule_save(RoutingRule(category=roads, responsible=org), actor=representative)


def test_a_region_outside_the_rule_country_is_refused(place, roads, moderator, org):
    with pytest.raises(ValidationError) as refused:
        routing.rule_save(
            RoutingRule(category=roads, responsible=org, country=place["ru"], region=place["almaty"]), actor=moderator
        )
    assert "region" in refused.value.message_dict
    rule = routing.rule_save(RoutingRule(category=roads, responsible=org, region=place["almaty"]), actor=moderator)
    assert rule.country == place["kz"]  # the region names its country


class TestByHand:
    @pytest.fixture
    def coordinator(self, other_org):
        return person_of(other_org, Role.COORDINATOR, email="coordinator@example.org")

    def test_a_coordinator_routes_an_unrouted_issue(self, coordinator, org, roads, django_capture_on_commit_callbacks):
        official = person_of(org, Role.OFFICIAL, email="official@example.org")
        appeal = AppealFactory(category=roads)
        with django_capture_on_commit_callbacks(execute=True):
            routing.appeal_assign(appeal, org, actor=coordinator)
        appeal.refresh_from_db()
        assert appeal.responsible == org
        assert appeal.due_at == appeal.created_at + timedelta(days=20)
        assert Transfer.objects.get(appeal=appeal).actor == coordinator
        assert Notification.objects.filter(recipient=official, event="appeals.assigned").exists()

    def test_others_may_not(self, representative, org, roads, citizen):
        appeal = AppealFactory(category=roads)
        for actor in (representative, citizen):
            with pytest.raises(PermissionDenied):
                routing.appeal_assign(appeal, org, actor=actor)

    def test_a_routed_issue_is_passed_on_instead(self, moderator, org, other_org, roads):
        appeal = AppealFactory(category=roads, responsible=org)
        with pytest.raises(ValidationError):
            routing.appeal_assign(appeal, other_org, actor=moderator)

    def test_an_inactive_organisation_is_refused(self, moderator, roads):
        appeal = AppealFactory(category=roads)
        with pytest.raises(ValidationError):
            routing.appeal_assign(appeal, OrganisationFactory(status=OrganisationStatus.LIQUIDATED), actor=moderator)
        with pytest.raises(ValidationError):
            routing.appeal_assign(appeal, None, actor=moderator)
        assert Appeal.objects.get(pk=appeal.pk).responsible is None


class TestPassingOn:
    @pytest.fixture
    def official(self, org):
        return person_of(org, Role.OFFICIAL, email="official@example.org")

    def test_the_responsible_party_passes_it_on_with_a_reason(
        self, official, org, roads, django_capture_on_commit_callbacks
    ):
        author = person_of(None, Role.EXPERT, email="author@example.org")
        receiver = RussianOrganisationFactory()
        their_official = person_of(receiver, Role.OFFICIAL, email="their@example.org")
        appeal = AppealFactory(category=roads, responsible=org, author=author)
        due = appeal.created_at + timedelta(days=3)
        Appeal.objects.filter(pk=appeal.pk).update(due_at=due)
        appeal.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            routing.appeal_transfer(appeal, receiver, actor=official, reason="Not ours: federal roads")
        appeal.refresh_from_db()
        assert appeal.responsible == receiver and appeal.due_at == due  # the deadline does not move
        trail = Transfer.objects.get(appeal=appeal)
        assert (trail.from_organisation, trail.to_organisation) == (org, receiver)
        assert trail.reason == "Not ours: federal roads"
        assert Notification.objects.filter(recipient=their_official, event="appeals.assigned").exists()
        assert Notification.objects.filter(recipient=author, event="appeals.transferred").exists()

    def test_a_reason_is_required_and_the_target_must_differ_and_be_active(self, official, org, other_org, roads):
        appeal = AppealFactory(category=roads, responsible=org)
        with pytest.raises(ValidationError) as refused:
            routing.appeal_transfer(appeal, other_org, actor=official, reason=" ")
        assert "reason" in refused.value.message_dict
        with pytest.raises(ValidationError):
            routing.appeal_transfer(appeal, org, actor=official, reason="x")
        with pytest.raises(ValidationError):
            routing.appeal_transfer(
                appeal, OrganisationFactory(status=OrganisationStatus.SUSPENDED), actor=official, reason="x"
            )
        assert not Transfer.objects.exists()

    def test_only_the_responsible_party_or_a_coordinator(self, org, other_org, roads, representative):
        appeal = AppealFactory(category=roads, responsible=other_org)
        with pytest.raises(PermissionDenied):
            routing.appeal_transfer(appeal, org, actor=representative, reason="mine now")
