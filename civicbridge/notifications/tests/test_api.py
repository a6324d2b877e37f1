"""/api/v1/notifications/: signed-in users only, each their own; mark read; fixed query counts."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from civicbridge.notifications.models import Notification

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/notifications/"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_anonymous_callers_are_told_to_sign_in():
    mine = NotificationFactory()
    for method, url in (
        ("get", API),
        ("get", f"{API}{mine.pk}/"),
        ("post", f"{API}{mine.pk}/read/"),
        ("post", f"{API}read-all/"),
    ):
        response = getattr(client_for(), method)(url)
        assert response.status_code == 401, (method, url)
        assert response["WWW-Authenticate"].startswith("Token")
    mine.refresh_from_db()
    assert mine.read_at is None


def test_a_user_lists_only_their_own(citizen):
    mine = NotificationFactory.create_batch(2, recipient=citizen)
    NotificationFactory()
    NotificationFactory(recipient=citizen, in_inbox=False)
    data = client_for(citizen).get(API).json()
    assert data["count"] == 2
    assert [item["id"] for item in data["results"]] == [mine[1].pk, mine[0].pk]
    assert set(data["results"][0]) == {
        "id",
        "event",
        "title",
        "body",
        "url",
        "target_type",
        "target_id",
        "created_at",
        "read_at",
        "is_read",
    }


def test_another_users_notification_is_not_found(citizen):
    theirs = NotificationFactory()
    client = client_for(citizen)
    assert client.get(f"{API}{theirs.pk}/").status_code == 404
    response = client.post(f"{API}{theirs.pk}/read/")
    assert response.status_code == 404 and set(response.json()) == {"detail", "errors"}
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_one_and_all_read_and_filter_unread(citizen, org):
    first, second, third = NotificationFactory.create_batch(3, recipient=citizen, target=org)
    theirs = NotificationFactory()
    client = client_for(citizen)
    response = client.post(f"{API}{first.pk}/read/")
    assert response.status_code == 200
    assert response.json()["is_read"] and response.json()["target_type"] == "registry.organisation"
    assert response.json()["target_id"] == str(org.pk)
    assert [item["id"] for item in client.get(API, {"unread": "true"}).json()["results"]] == [third.pk, second.pk]
    assert client.post(f"{API}read-all/").json() == {"marked": 2}
    assert client.get(API, {"unread": "true"}).json()["count"] == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_session_users_need_the_csrf_token(citizen):
    mine = NotificationFactory(recipient=citizen)
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(citizen)
    assert client.get(API).status_code == 200
    assert client.post(f"{API}{mine.pk}/read/").status_code == 403


@pytest.mark.parametrize("rows", [3, 30])
def test_list_queries_do_not_grow_with_rows(citizen, org, django_assert_max_num_queries, rows):
    NotificationFactory.create_batch(rows, recipient=citizen, target=org)
    client = client_for(citizen)
    client.get(API)  # content types are cached per process after the first use
    # token and user, count, page.
    with django_assert_max_num_queries(3):
        response = client.get(API)
    assert response.json()["count"] == rows


def test_the_schema_documents_the_endpoints_without_warnings():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert not GENERATOR_STATS._warn_cache and not GENERATOR_STATS._error_cache
    assert {path for path in schema["paths"] if path.startswith("/api/v1/notifications/")} == {
        "/api/v1/notifications/",
        "/api/v1/notifications/{id}/",
        "/api/v1/notifications/{id}/read/",
        "/api/v1/notifications/read-all/",
    }
    # Reads need a signed-in user too: no anonymous security entry, and 401 documented (403 where the rule is asked
    # about one notification).
    listing, one = (
        schema["paths"]["/api/v1/notifications/"]["get"],
        schema["paths"]["/api/v1/notifications/{id}/"]["get"],
    )
    assert {} not in listing["security"] and {} not in one["security"]
    assert "401" in listing["responses"] and "403" not in listing["responses"]
    assert {"401", "403"} <= set(one["responses"])
    assert Notification.objects.count() == 0  # generating the schema touches no data
