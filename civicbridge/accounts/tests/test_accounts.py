"""Accounts: sign-up with consent, Argon2, login rate limiting, personal data download and erasure."""

import json

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from civicbridge.accounts import services
from civicbridge.accounts.choices import ConsentPurpose
from civicbridge.accounts.models import Consent, Membership, User
from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.core.models import AuditEntry
from civicbridge.notifications.models import Notification, NotificationPreference
from civicbridge.notifications.services import TEST_MESSAGE
from civicbridge.notifications.tests.factories import NotificationFactory, PreferenceFactory
from civicbridge.registry.tests.factories import PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-pass-phrase-42"


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2():
    encoded = make_password("secret-phrase-123")
    assert encoded.startswith("argon2$")
    assert check_password("secret-phrase-123", encoded)


def test_signup_requires_consent_and_records_it(client):
    data = {
        "email": "new@example.org",
        "full_name": "Айгерим Садыкова",
        "language": "kk",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 200
    assert not User.objects.filter(email="new@example.org").exists()
    assert "consent_processing" in response.context["form"].errors

    response = client.post("/accounts/signup/", {**data, "consent_processing": "on"})
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    consent = Consent.objects.get(user=user)
    assert (consent.purpose, consent.granted) == (ConsentPurpose.PROCESSING, True)


def test_signup_errors_are_in_the_users_language(client):
    client.cookies["django_language"] = "ru"
    response = client.post("/accounts/signup/", {"email": "not-an-email", "password1": "1", "password2": "2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Введите правильный адрес электронной почты." in html  # Django's own Russian catalogue


def test_login_is_rate_limited(client, citizen):
    for _ in range(4):
        response = client.post("/accounts/login/", {"username": citizen.email, "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"username": citizen.email, "password": "wrong"})
    assert response.status_code == 429  # the fifth failure locks the account out from this address
    with translation.override("ru"):  # the page speaks the default language, Russian
        assert translation.gettext("Too many sign-in attempts") in response.content.decode()
    response = client.post("/accounts/login/", {"username": citizen.email, "password": "correct-horse-battery"})
    assert response.status_code == 429  # locked out even with the right password
    assert "_auth_user_id" not in client.session


def test_login_works_with_email(client, citizen):
    response = client.post("/accounts/login/", {"username": citizen.email.upper(), "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == citizen.pk


def test_personal_data_download_contains_what_we_hold(client, representative):
    client.force_login(representative)
    response = client.get("/accounts/data/download/")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == representative.email
    assert data["roles"][0]["role"] == "representative"


def test_personal_data_page_needs_login(client):
    response = client.get("/accounts/data/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_consent_to_public_contacts_publishes_the_linked_person(client, citizen):
    person = PersonFactory(user=citizen)
    client.force_login(citizen)
    client.post("/accounts/data/", {"public_contacts": "on"})
    person.refresh_from_db()
    assert person.contacts_public
    client.post("/accounts/data/", {})
    person.refresh_from_db()
    assert not person.contacts_public
    assert list(Consent.objects.filter(user=citizen, purpose="public_contacts").values_list("granted", flat=True)) == [
        False,
        True,
    ]


def test_erasure_removes_personal_data_and_needs_the_password(client, representative):
    person = PersonFactory(user=representative, email="rep-private@example.org")
    PositionFactory(person=person)
    client.force_login(representative)
    response = client.post("/accounts/data/erase/", {"password": "wrong"})
    assert response.status_code == 400
    assert User.objects.get(pk=representative.pk).is_active

    response = client.post("/accounts/data/erase/", {"password": "correct-horse-battery"})
    assert response.status_code == 302
    user = User.objects.get(pk=representative.pk)
    assert not user.is_active and user.email.endswith("@invalid") and user.full_name == ""
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    person.refresh_from_db()
    assert person.user_id is None and person.email == "" and person.positions.count() == 1
    assert "rep@example.org" not in json.dumps(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert services.consent_state(user)[ConsentPurpose.PROCESSING] is False


def test_personal_data_download_holds_the_users_notifications_and_preferences(client, citizen):
    mine = NotificationFactory(recipient=citizen, event=TEST_MESSAGE, title="For the citizen")
    NotificationFactory(event=TEST_MESSAGE, title="For someone else")
    PreferenceFactory(user=citizen, event="*", channel="email", enabled=False)
    PreferenceFactory(event="*", channel="inapp", enabled=False)
    client.force_login(citizen)
    data = json.loads(client.get("/accounts/data/download/").content)
    assert [(n["event"], n["title"]) for n in data["notifications"]] == [(TEST_MESSAGE, "For the citizen")]
    assert data["notifications"][0]["created_at"] == mine.created_at.isoformat()
    assert data["notification_preferences"] == [
        {"event": "*", "channel": "email", "enabled": False, "frequency": "instant"}
    ]


def test_erasure_deletes_the_users_notifications_and_preferences_only(citizen):
    NotificationFactory.create_batch(2, recipient=citizen, event=TEST_MESSAGE)
    PreferenceFactory(user=citizen, event="*", channel="email", enabled=False)
    theirs = NotificationFactory(event=TEST_MESSAGE)
    their_choice = PreferenceFactory(event="*", channel="email", enabled=False)
    services.user_erase(user=citizen)
    assert list(Notification.objects.all()) == [theirs]
    assert list(NotificationPreference.objects.all()) == [their_choice]
    assert services.personal_data_export(citizen)["notifications"] == []


def test_the_users_admin_sends_a_test_notification_to_the_selected_users(
    client, admin_user, citizen, django_capture_on_commit_callbacks
):
    closed = UserFactory(is_active=False)
    client.force_login(admin_user)
    changelist = reverse("admin:accounts_user_changelist")
    assert 'value="send_test_notification"' in client.get(changelist).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist,
            {"action": "send_test_notification", "_selected_action": [citizen.pk, closed.pk]},
            follow=True,
            headers={"accept-language": "en"},
        )
    assert "A test notification was sent to 1 users." in response.content.decode()
    assert [message.to for message in mail.outbox] == [[citizen.email]]
    assert list(Notification.objects.values_list("recipient", "event")) == [(citizen.pk, TEST_MESSAGE)]


def test_staff_who_are_not_administrators_cannot_send_test_notifications(client, django_capture_on_commit_callbacks):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "send_test_notification", "_selected_action": [staff.pk]},
        )
    assert response.status_code == 403
    assert mail.outbox == [] and not Notification.objects.exists()


class TestLanguageOfTheProfile:
    """Signing in switches the pages to the profile's language; the switcher, used signed in, updates the profile."""

    def test_sign_in_serves_the_profiles_language(self, client, db):
        user = UserFactory(language="kk")
        user.set_password("correct horse battery staple 42")
        user.save()
        client.post(
            reverse("login"),
            {"username": user.email, "password": "correct horse battery staple 42"},
            headers={"accept-language": "ru"},
        )
        html = client.get("/", headers={"accept-language": "ru"}).content.decode()
        assert '<html lang="kk"' in html

    def test_the_switcher_keeps_a_signed_in_users_choice(self, client, citizen):
        client.force_login(citizen)
        response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
        assert response.status_code == 302
        citizen.refresh_from_db()
        assert citizen.language == "en"
        assert '<html lang="en"' in client.get("/").content.decode()

    def test_a_visitor_switches_without_a_profile(self, client, db):
        response = client.post(reverse("set_language"), {"language": "kk", "next": "/"})
        assert response.status_code == 302 and '<html lang="kk"' in client.get("/").content.decode()

    def test_an_unknown_language_changes_nothing(self, client, citizen):
        client.force_login(citizen)
        client.post(reverse("set_language"), {"language": "xx", "next": "/"})
        citizen.refresh_from_db()
        assert citizen.language == "ru"
