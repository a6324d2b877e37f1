"""The one error format of /api/v1/: {"detail": "...", "errors": {field: [messages]}}, through real endpoints."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from civicbridge.registry.models import Organisation, Unit
from civicbridge.registry.tests.factories import PersonFactory, make_bin

API = "/api/v1"


def client_for(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def assert_error_shape(body: dict) -> None:
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], dict)
    for field, messages in body["errors"].items():
        assert isinstance(field, str)
        assert messages and all(isinstance(m, str) and m for m in messages), body


@pytest.mark.django_db
class TestErrorFormat:
    def test_400_from_a_service_names_each_field(self, moderator, org):
        # Two faults at once, both found by the service (БИН check digit, region of another country).
        good = make_bin()
        bad_bin = good[:-1] + str((int(good[-1]) + 1) % 10)
        response = client_for(moderator).patch(
            f"{API}/organisations/{org.pk}/", {"bin": bad_bin, "inn": "7707083893"}, format="json"
        )
        assert response.status_code == 400
        body = response.json()
        assert_error_shape(body)
        assert body["detail"] == "The data you sent has errors."
        assert body["errors"] == {
            "bin": ["The BIN check digit is wrong: check the number for typos."],
            "inn": ["This identifier is used only for organisations of RU."],
        }
        org.refresh_from_db()
        assert org.bin != bad_bin

    def test_400_from_the_serializer_has_the_same_shape(self, moderator):
        response = client_for(moderator).post(f"{API}/organisations/", {"country": "ZZ", "kind": "x"}, format="json")
        assert response.status_code == 400
        body = response.json()
        assert_error_shape(body)
        assert {"name_ru", "country", "kind"} <= set(body["errors"])
        assert not Organisation.objects.exists()

    def test_400_field_error_raised_as_a_whole_record_error(self, moderator, org):
        person = PersonFactory()
        response = client_for(moderator).post(
            f"{API}/positions/",
            {
                "person": person.pk,
                "organisation": org.pk,
                "title_ru": "член",
                "start_date": "2024-02-01",
                "end_date": "2024-01-01",
            },
            format="json",
        )
        assert response.status_code == 400
        assert_error_shape(response.json())
        assert response.json()["errors"] == {"end_date": ["The end date is before the start date."]}

    def test_403_when_the_rule_refuses(self, citizen, org):
        response = client_for(citizen).patch(f"{API}/organisations/{org.pk}/", {"short_name": "X"}, format="json")
        assert response.status_code == 403
        assert_error_shape(response.json())
        assert response.json()["errors"] == {}

    def test_403_from_the_service_keeps_its_message(self, representative, other_org):
        # The viewset lets an authenticated user try; the service asks the rule about the parent organisation.
        response = client_for(representative).post(
            f"{API}/units/", {"organisation": other_org.pk, "name_ru": "Отдел"}, format="json"
        )
        assert response.status_code == 403
        assert response.json() == {"detail": "You do not have permission to do this.", "errors": {}}
        assert not Unit.objects.exists()

    def test_404_for_a_missing_record(self, db):
        response = client_for().get(f"{API}/people/424242/")
        assert response.status_code == 404
        assert_error_shape(response.json())
        assert response.json()["errors"] == {}

    def test_401_for_an_anonymous_write_says_how_to_authenticate(self, org):
        response = client_for().patch(f"{API}/organisations/{org.pk}/", {"short_name": "X"}, format="json")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert_error_shape(response.json())

    def test_405_for_a_method_that_is_not_offered(self, moderator, org):
        response = client_for(moderator).delete(f"{API}/organisations/{org.pk}/")
        assert response.status_code == 405
        assert_error_shape(response.json())

    def test_malformed_json_is_400_in_the_same_shape(self, moderator):
        response = client_for(moderator).generic(
            "POST", f"{API}/organisations/", "{not json", content_type="application/json"
        )
        assert response.status_code == 400
        assert_error_shape(response.json())
