"""Routing pages: the coordinators' queue and routing by hand; routing rules for administrators and moderators."""

import pytest
from django.urls import reverse

from civicbridge.accounts.choices import Role
from civicbridge.appeals.models import Appeal, RoutingRule
from civicbridge.appeals.tests.factories import AppealFactory, CategoryFactory, RoutingRuleFactory, person_of
from civicbridge.registry.choices import OrganisationStatus
from civicbridge.registry.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_coordinators_route_the_unrouted_by_hand(client, other_org, org, django_assert_max_num_queries):
    coordinator = person_of(other_org, Role.COORDINATOR)
    waiting = AppealFactory(title="Nobody's")
    AppealFactory(responsible=org, title="Routed")
    client.force_login(coordinator)
    response = client.get(reverse("appeals:to-route"))
    assert [a.title for a in response.context["page_obj"]] == ["Nobody's"]
    AppealFactory.create_batch(10)
    with django_assert_max_num_queries(12):
        client.get(reverse("appeals:to-route"))
    page = client.get(reverse("appeals:manage", args=[waiting.pk])).content.decode()
    assert reverse("appeals:assign", args=[waiting.pk]) in page
    response = client.post(reverse("appeals:assign", args=[waiting.pk]), {"organisation": org.pk})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.responsible == org and waiting.due_at is not None


def test_the_queue_is_for_coordinators(client, representative):
    client.force_login(representative)
    assert client.get(reverse("appeals:to-route")).status_code == 403


class TestRulePages:
    def test_a_moderator_adds_changes_and_deletes_a_rule(self, client, moderator, org):
        category = CategoryFactory()
        client.force_login(moderator)
        assert client.get(reverse("appeals:rule-create")).status_code == 200
        response = client.post(
            reverse("appeals:rule-create"),
            {"category": category.pk, "responsible": org.pk, "priority": 0, "is_active": "on"},
        )
        assert response.status_code == 302
        rule = RoutingRule.objects.get()
        assert (rule.category, rule.responsible, rule.created_by) == (category, org, moderator)
        page = client.get(reverse("appeals:rules")).content.decode()
        assert str(org) in page and "<caption" in page
        client.post(reverse("appeals:rule-edit", args=[rule.pk]), {"responsible": org.pk, "priority": 4})
        rule.refresh_from_db()
        assert (rule.category, rule.priority, rule.is_active) == (None, 4, False)
        client.post(reverse("appeals:rule-delete", args=[rule.pk]))
        assert not RoutingRule.objects.exists()

    def test_a_rule_that_points_nowhere_is_refused(self, client, admin_user):
        closed = OrganisationFactory(status=OrganisationStatus.LIQUIDATED)
        client.force_login(admin_user)
        response = client.post(reverse("appeals:rule-create"), {"priority": 0, "is_active": "on"})
        assert response.status_code == 400
        response = client.post(reverse("appeals:rule-create"), {"responsible": closed.pk, "priority": 0})
        assert response.status_code == 400
        assert not RoutingRule.objects.exists()

    def test_others_are_refused(self, client, representative, org):
        rule = RoutingRuleFactory(responsible=org)
        client.force_login(representative)
        assert client.get(reverse("appeals:rules")).status_code == 403
        assert client.post(reverse("appeals:rule-delete", args=[rule.pk])).status_code == 403
        assert RoutingRule.objects.exists()
        assert Appeal.objects.count() == 0


def test_the_admin_lists_and_opens_issues_rules_and_categories(client, admin_user, org):
    appeal = AppealFactory(responsible=org)
    rule = RoutingRuleFactory(responsible=org)
    client.force_login(admin_user)
    for url in (
        reverse("admin:appeals_appeal_changelist"),
        reverse("admin:appeals_appeal_change", args=[appeal.pk]),
        reverse("admin:appeals_routingrule_change", args=[rule.pk]),
        reverse("admin:appeals_category_changelist"),
    ):
        assert client.get(url).status_code == 200, url
