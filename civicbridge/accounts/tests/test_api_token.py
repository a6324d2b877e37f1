"""POST /api/v1/auth/token/: e-mail and password for a token, writes with it, and django-axes lockout."""

from __future__ import annotations

import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from civicbridge.accounts.tests.factories import UserFactory

URL = "/api/v1/auth/token/"
PASSWORD = "correct-horse-battery"  # the factories' password


@pytest.fixture
def client() -> APIClient:
    return APIClient()


@pytest.mark.django_db
class TestToken:
    def test_correct_credentials_give_the_same_token_each_time(self, client, representative):
        first = client.post(URL, {"email": "rep@example.org", "password": PASSWORD}, format="json")
        assert first.status_code == 200, first.json()
        assert first.json() == {"token": Token.objects.get(user=representative).key}
        again = client.post(URL, {"email": "REP@example.org", "password": PASSWORD}, format="json")
        assert again.json() == first.json()
        representative.refresh_from_db()
        assert representative.last_login is not None

    def test_form_encoded_body_works_too(self, client, citizen):
        assert client.post(URL, {"email": citizen.email, "password": PASSWORD}).status_code == 200

    def test_token_authorises_writes_with_the_web_permissions(self, client, representative, org, other_org):
        key = client.post(URL, {"email": representative.email, "password": PASSWORD}, format="json").json()["token"]
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        own = client.patch(f"/api/v1/organisations/{org.pk}/", {"short_name": "МОЯ"}, format="json")
        assert own.status_code == 200, own.json()
        assert (
            client.patch(f"/api/v1/organisations/{other_org.pk}/", {"short_name": "ЧУЖ"}, format="json").status_code
            == 403
        )
        org.refresh_from_db()
        other_org.refresh_from_db()
        assert (org.short_name, other_org.short_name) == ("МОЯ", "")

    def test_wrong_password_is_refused_with_a_json_error(self, client, citizen):
        response = client.post(
            URL, {"email": citizen.email, "password": "wrong"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 400
        assert response.json()["errors"] == {"non_field_errors": ["The e-mail or password is wrong."]}
        assert not Token.objects.exists()

    def test_unknown_account_is_refused_the_same_way(self, client, db):
        response = client.post(
            URL, {"email": "nobody@example.org", "password": PASSWORD}, format="json", HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 400
        assert response.json()["errors"] == {"non_field_errors": ["The e-mail or password is wrong."]}

    def test_missing_fields_are_per_field_errors(self, client, db):
        response = client.post(URL, {"email": "not-an-email"}, format="json")
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"email", "password"}

    def test_inactive_account_gets_no_token(self, client, db):
        user = UserFactory(is_active=False)
        assert client.post(URL, {"email": user.email, "password": PASSWORD}, format="json").status_code == 400
        assert not Token.objects.exists()

    def test_a_bad_token_is_401(self, client, org):
        client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
        response = client.patch(f"/api/v1/organisations/{org.pk}/", {"short_name": "X"}, format="json")
        assert response.status_code == 401
        assert response.json()["detail"]


@pytest.mark.django_db
class TestLockout:
    def fail(self, client: APIClient, email: str):
        return client.post(URL, {"email": email, "password": "wrong"}, format="json", HTTP_ACCEPT_LANGUAGE="en")

    def test_repeated_failures_lock_the_client_out_with_json(self, client, citizen):
        limit = settings.AXES_FAILURE_LIMIT
        for _ in range(limit - 1):
            assert self.fail(client, citizen.email).status_code == 400
        locked = self.fail(client, citizen.email)
        assert locked.status_code == 429
        assert locked["Content-Type"] == "application/json"
        assert locked.json() == {"detail": "Too many failed sign-in attempts. Try again in 60 minutes.", "errors": {}}
        # Even the right password is refused until the cool-off ends, and no token is handed out.
        right = client.post(URL, {"email": citizen.email, "password": PASSWORD}, format="json")
        assert right.status_code == 429
        assert "detail" in right.json()
        assert not Token.objects.exists()

    def test_lockout_is_per_account(self, client, citizen, representative):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.fail(client, citizen.email)
        other = client.post(URL, {"email": representative.email, "password": PASSWORD}, format="json")
        assert other.status_code == 200

    def test_success_before_the_limit_resets_the_count(self, client, citizen):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.fail(client, citizen.email)
        assert client.post(URL, {"email": citizen.email, "password": PASSWORD}, format="json").status_code == 200
        assert self.fail(client, citizen.email).status_code == 400
