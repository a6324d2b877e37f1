"""Intake: a citizen online, an organiser at a meeting; consent, anonymity, routing, due dates and e-mails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from civicbridge.accounts.choices import Role
from civicbridge.appeals.choices import AppealStatus, Channel
from civicbridge.appeals.models import Appeal, Category
from civicbridge.appeals.services.intake import IssueInput, appeal_record, appeal_submit
from civicbridge.appeals.tests.factories import CategoryFactory, RoutingRuleFactory, person_of
from civicbridge.events.tests.factories import PublishedEventFactory
from civicbridge.notifications.models import Notification
from civicbridge.registry.tests.factories import CountryFactory, RegionFactory, ThemeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def region():
    return RegionFactory(code="KZ-75", country=CountryFactory(code="KZ"))


@pytest.fixture
def roads():
    return CategoryFactory(code="roads-x", response_days=20, theme=ThemeFactory(code="transport-x"))


def issue(region, category, **changes) -> IssueInput:
    values = {
        "title": "Pothole on Abay Avenue",
        "text": "A deep pothole near the school on Abay Avenue, since March.",
        "category": category,
        "country": region.country,
        "region": region,
        "language": "en",
    }
    return IssueInput(**(values | changes))


class TestOnline:
    def test_a_citizen_sends_an_issue_routed_with_a_deadline(
        self, citizen, region, roads, org, django_capture_on_commit_callbacks
    ):
        rule = RoutingRuleFactory(category=roads, responsible=org)
        official = person_of(org, Role.OFFICIAL, email="official@example.org")
        citizen.language = "en"  # e-mails go in the recipient's language
        citizen.save(update_fields=["language"])
        with django_capture_on_commit_callbacks(execute=True):
            appeal = appeal_submit(actor=citizen, data=issue(region, roads, public_name="Aigul"))
        appeal.refresh_from_db()
        assert (appeal.author, appeal.channel, appeal.status) == (citizen, Channel.ONLINE, AppealStatus.NEW)
        assert appeal.theme == roads.theme  # from the category
        assert appeal.responsible == rule.responsible
        assert appeal.due_at == appeal.created_at + timedelta(days=20)
        assert appeal.public_name == "Aigul" and appeal.contact_consent_at is None
        assert "pothole" in appeal.search_text
        received = Notification.objects.get(recipient=citizen, event="appeals.received")
        assert f"No. {appeal.pk}" in received.title
        assert str(org) in received.body and "expected by" in received.body
        assert Notification.objects.filter(recipient=official, event="appeals.assigned").exists()

    def test_without_a_rule_it_waits_unrouted(self, citizen, region, roads, django_capture_on_commit_callbacks):
        citizen.language = "en"
        citizen.save(update_fields=["language"])
        with django_capture_on_commit_callbacks(execute=True):
            appeal = appeal_submit(actor=citizen, data=issue(region, roads))
        assert appeal.responsible is None and appeal.due_at is None
        received = Notification.objects.get(recipient=citizen, event="appeals.received")
        assert "coordinator" in received.body

    def test_contacts_are_kept_only_with_consent_and_its_time(self, citizen, region, roads):
        with pytest.raises(ValidationError) as refused:
            appeal_submit(actor=citizen, data=issue(region, roads, contact_phone="+7 701 000 00 00"))
        assert "consent" in refused.value.message_dict
        assert not Appeal.objects.exists()
        appeal = appeal_submit(actor=citizen, data=issue(region, roads, consent=True, contact_phone="+7 701 000 00 00"))
        assert appeal.contact_phone == "+7 701 000 00 00" and appeal.contact_consent_at is not None

    def test_an_anonymous_issue_has_no_public_name(self, citizen, region, roads):
        appeal = appeal_submit(actor=citizen, data=issue(region, roads, is_anonymous=True, public_name="Aigul"))
        assert appeal.is_anonymous and appeal.public_name == ""

    def test_a_region_of_another_country_is_refused(self, citizen, region, roads):
        russia = CountryFactory(code="RU", name="Russia")
        with pytest.raises(ValidationError) as refused:
            appeal_submit(actor=citizen, data=issue(region, roads, country=russia))
        assert "region" in refused.value.message_dict

    def test_signed_in_only(self, region, roads):
        from django.contrib.auth.models import AnonymousUser

        with pytest.raises(PermissionDenied):
            appeal_submit(actor=AnonymousUser(), data=issue(region, roads))


class TestAtAMeeting:
    @pytest.fixture
    def event(self, org, region):
        return PublishedEventFactory(organisers=[org], country=region.country, region=region)

    def test_an_organiser_records_issues_one_after_another(
        self, representative, event, region, roads, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            first = appeal_record(
                actor=representative,
                data=issue(region, roads, event=event, consent=True, contact_email="bolat@example.kz"),
            )
            second = appeal_record(actor=representative, data=issue(region, roads, event=event, title="Buses"))
        assert (first.channel, first.event, first.recorded_by, first.author) == (
            Channel.MEETING,
            event,
            representative,
            None,
        )
        assert second.pk == first.pk + 1
        assert [m.to for m in mail.outbox] == [["bolat@example.kz"]]  # the second citizen left no contact
        assert f"No. {first.pk}" in mail.outbox[0].subject

    def test_consent_without_any_contact_is_refused(self, representative, event, region, roads):
        with pytest.raises(ValidationError) as refused:
            appeal_record(actor=representative, data=issue(region, roads, event=event, consent=True))
        assert "contact_email" in refused.value.message_dict

    def test_only_organisers_and_coordinators(self, event, region, roads, other_org, moderator, citizen):
        outsider = person_of(other_org, Role.REPRESENTATIVE)
        for actor in (outsider, citizen):
            with pytest.raises(PermissionDenied):
                appeal_record(actor=actor, data=issue(region, roads, event=event))
        coordinator = person_of(other_org, Role.COORDINATOR)
        assert appeal_record(actor=coordinator, data=issue(region, roads, event=event)).recorded_by == coordinator
        by_phone = appeal_record(actor=moderator, data=issue(region, roads))
        assert by_phone.channel == Channel.OTHER


class TestPages:
    def form_data(self, region, category, **changes):
        data = {
            "text": "A deep pothole near the school.",
            "title": "Pothole",
            "category": category.pk,
            "country": region.country_id,
            "region": region.pk,
            "language": "en",
        }
        return data | changes

    def test_the_form_asks_with_similar_issues_and_region_reload(self, client, citizen):
        client.force_login(citizen)
        response = client.get(reverse("appeals:intake"))
        page = response.content.decode()
        countries = list(response.context["form"].fields["country"].queryset.values_list("code", flat=True)[:2])
        assert sorted(countries) == ["KZ", "RU"]  # the platform's two countries come first
        assert f'hx-get="{reverse("appeals:similar")}"' in page
        assert 'hx-trigger="keyup changed delay:600ms"' in page and 'id="similar-issues"' in page
        assert f'hx-get="{reverse("appeals:regions")}"' in page
        assert 'data-aria-controls="contact-fields"' in page and 'id="contact-fields"' in page

    def test_anonymous_visitors_sign_in_first(self, client):
        response = client.get(reverse("appeals:intake"))
        assert response.status_code == 302 and "login" in response.url

    def test_sending(self, client, citizen, region, roads):
        client.force_login(citizen)
        response = client.post(reverse("appeals:intake"), self.form_data(region, roads))
        appeal = Appeal.objects.get()
        assert response.status_code == 302 and response.url == reverse("appeals:manage", args=[appeal.pk])
        assert appeal.author == citizen

    def test_contacts_without_consent_come_back_with_the_reason(self, client, citizen, region, roads):
        client.force_login(citizen)
        response = client.post(reverse("appeals:intake"), self.form_data(region, roads, contact_email="me@example.org"))
        assert response.status_code == 400
        assert "consent" in response.content.decode()
        assert not Appeal.objects.exists()

    def test_regions_follow_the_country(self, client, region):
        RegionFactory(code="RU-MOW", country=CountryFactory(code="RU", name="Russia"), name="Moscow")
        page = client.get(reverse("appeals:regions"), {"country": "RU"}).content.decode()
        assert "RU-MOW" in page and "KZ-75" not in page

    def test_recording_at_a_meeting_comes_back_empty_for_the_next(self, client, representative, org, region, roads):
        event = PublishedEventFactory(organisers=[org], country=region.country, region=region)
        client.force_login(representative)
        url = reverse("appeals:record", args=[event.pk])
        assert client.get(url).status_code == 200
        response = client.post(url, self.form_data(region, roads, text="First"))
        assert response.status_code == 200
        first = Appeal.objects.get()
        page = response.content.decode()
        assert f"No. {first.pk}" in page and "First" not in page.split("<form")[1]
        assert response.context["form"].initial["category"] == str(roads.pk)
        client.post(url, self.form_data(region, roads, text="Second"))
        assert Appeal.objects.filter(event=event, channel=Channel.MEETING).count() == 2
        assert client.get(reverse("appeals:manage", args=[first.pk])).status_code == 200  # the recorder opens it

    def test_recording_is_refused_to_others(self, client, citizen, org, region):
        event = PublishedEventFactory(organisers=[org], country=region.country, region=region)
        client.force_login(citizen)
        assert client.get(reverse("appeals:record", args=[event.pk])).status_code == 403


def test_the_seeded_categories_have_response_times_and_themes():
    seeded = Category.objects.filter(code__in=["housing", "roads", "social", "health", "other"])
    assert seeded.count() == 5
    assert all(15 <= c.response_days <= 30 for c in Category.objects.all())
    assert Category.objects.get(code="health").theme.code == "health"
