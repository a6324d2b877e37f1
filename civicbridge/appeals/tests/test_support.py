"""Support ("me too"): an open public issue once, withdrawing, refusals in words, the button's page fragment."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.appeals.choices import AppealStatus, HideReason
from civicbridge.appeals.models import Appeal, Supporter
from civicbridge.appeals.services.support import support_add, support_withdraw

from .factories import AppealFactory, SupporterFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def count_of(appeal) -> int:
    return Appeal.objects.values_list("supporters_count", flat=True).get(pk=appeal.pk)


class TestSupport:
    def test_supports_once_and_counts(self, citizen):
        appeal = AppealFactory()
        support_add(actor=citizen, appeal=appeal)
        support_add(actor=citizen, appeal=appeal)  # a second click changes nothing
        assert count_of(appeal) == 1 == appeal.supporters_count
        assert Supporter.objects.filter(appeal=appeal, user=citizen).count() == 1

    def test_withdraw_takes_the_count_back(self, citizen):
        appeal = AppealFactory()
        support_add(actor=citizen, appeal=appeal)
        support_add(actor=UserFactory(), appeal=appeal)
        support_withdraw(actor=citizen, appeal=appeal)
        support_withdraw(actor=citizen, appeal=appeal)  # again: nothing to take back
        assert count_of(appeal) == 1
        assert not Supporter.objects.filter(appeal=appeal, user=citizen).exists()

    @pytest.mark.parametrize(
        ("fields", "code"),
        [
            ({"status": AppealStatus.ANSWERED, "answered_at": timezone.now()}, "closed"),
            ({"status": AppealStatus.DECLINED}, "closed"),
            ({"hidden_at": timezone.now(), "hidden_reason": HideReason.ABUSIVE}, "hidden"),
        ],
    )
    def test_only_open_public_issues(self, citizen, fields, code):
        appeal = AppealFactory(**fields)
        with pytest.raises(ValidationError) as refused:
            support_add(actor=citizen, appeal=appeal)
        assert refused.value.code == code
        assert count_of(appeal) == 0 and not Supporter.objects.exists()

    def test_a_merged_issue_points_to_the_main_one(self, citizen):
        main = AppealFactory()
        duplicate = AppealFactory(status=AppealStatus.DECLINED, merged_into=main)
        with pytest.raises(ValidationError, match=f"No. {main.pk}"):
            support_add(actor=citizen, appeal=duplicate)

    def test_the_author_is_not_counted_twice(self, citizen):
        appeal = AppealFactory(author=citizen)
        with pytest.raises(ValidationError, match="yourself"):
            support_add(actor=citizen, appeal=appeal)

    def test_anonymous_may_not(self):
        with pytest.raises(PermissionDenied):
            support_add(actor=AnonymousUser(), appeal=AppealFactory())


class TestSupportPage:
    def test_fragment_for_anonymous_asks_to_sign_in(self, client):
        appeal = AppealFactory()
        response = client.get(reverse("appeals:support", args=[appeal.pk]))
        assert response.status_code == 200
        assert "Sign in to support this issue" in response.content.decode()

    def test_htmx_click_supports_and_updates_the_count(self, client, citizen):
        appeal = AppealFactory()
        SupporterFactory(appeal=appeal)
        Appeal.objects.filter(pk=appeal.pk).update(supporters_count=1)
        client.force_login(citizen)
        url = reverse("appeals:support", args=[appeal.pk])
        assert "Me too: support this issue" in client.get(url).content.decode()
        response = client.post(url, {"action": "support"}, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert "Withdraw my support" in html
        assert 'id="supporters-count" hx-swap-oob="innerHTML">2<' in html
        response = client.post(url, {"action": "withdraw"}, HTTP_HX_REQUEST="true")
        assert "Me too: support this issue" in response.content.decode() and count_of(appeal) == 1

    def test_plain_post_redirects_to_the_issue_with_a_message(self, client, citizen):
        appeal = AppealFactory(status=AppealStatus.DECLINED)
        client.force_login(citizen)
        response = client.post(reverse("appeals:support", args=[appeal.pk]), {"action": "support"}, follow=True)
        assert response.redirect_chain[-1][0] == appeal.get_absolute_url()
        assert "Only an issue still waiting for an answer can be supported." in response.content.decode()

    def test_anonymous_post_goes_to_sign_in(self, client):
        appeal = AppealFactory()
        response = client.post(reverse("appeals:support", args=[appeal.pk]), {"action": "support"})
        assert response.status_code == 302 and reverse("login") in response.url
        assert count_of(appeal) == 0

    def test_the_issue_page_includes_the_button(self, client, citizen):
        appeal = AppealFactory()
        html = client.get(appeal.get_absolute_url()).content.decode()
        assert f'id="support-{appeal.pk}"' in html and "Sign in to support this issue" in html
        client.force_login(citizen)
        html = client.get(appeal.get_absolute_url()).content.decode()
        assert f'hx-get="{reverse("appeals:support", args=[appeal.pk])}"' in html and "Me too" in html


class TestSupportStates:
    def test_states_of_the_button(self, client, citizen, django_assert_max_num_queries):
        url = lambda appeal: reverse("appeals:support", args=[appeal.pk])  # noqa: E731
        own = AppealFactory(author=citizen)
        closed = AppealFactory(status=AppealStatus.DECLINED)
        supported = AppealFactory()
        SupporterFactory(appeal=supported, user=citizen)
        client.force_login(citizen)
        assert "You raised this issue." in client.get(url(own)).content.decode()
        assert "<button" not in client.get(url(closed)).content.decode()
        with django_assert_max_num_queries(4):  # session, user, issue, supporter
            html = client.get(url(supported)).content.decode()
        assert "Withdraw my support" in html

    def test_the_page_shows_a_closed_issue_without_a_button(self, client, citizen):
        closed = AppealFactory(status=AppealStatus.DECLINED)
        client.force_login(citizen)
        html = client.get(closed.get_absolute_url()).content.decode()
        assert f'id="support-{closed.pk}"' in html and "Me too: support this issue" not in html
