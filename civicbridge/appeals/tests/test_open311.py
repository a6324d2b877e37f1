"""The Open311 GeoReport v2 style endpoints: services (categories) and requests (issues), with their shapes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from civicbridge.appeals.choices import AppealStatus
from civicbridge.appeals.models import Appeal
from civicbridge.appeals.tests.factories import AppealFactory, CategoryFactory
from civicbridge.registry.tests.factories import OrganisationFactory, ThemeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SERVICE_KEYS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
REQUEST_KEYS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "lat",
    "long",
}


def test_services(client):
    theme = ThemeFactory()
    CategoryFactory(code="roads-311", name="Roads", name_en="Roads", theme=theme, response_days=10)
    response = client.get("/api/v1/open311/services.json")
    assert response.status_code == 200
    services = response.json()
    assert isinstance(services, list)
    service = next(item for item in services if item["service_code"] == "roads-311")
    assert set(service) == SERVICE_KEYS
    assert service["metadata"] is False and service["type"] == "realtime"
    assert service["service_name"] == "Roads" and "10 days" in service["description"]
    assert theme.code in service["keywords"] and service["group"] == theme.name


def test_requests_shape_and_status_mapping(client):
    org = OrganisationFactory(name="Akimat", name_en="Akimat")
    open_one = AppealFactory(status=AppealStatus.IN_PROGRESS, responsible=org, due_at=timezone.now())
    closed = AppealFactory(status=AppealStatus.ANSWERED, answer="Done.", answered_at=timezone.now())
    declined = AppealFactory(status=AppealStatus.DECLINED)
    response = client.get("/api/v1/open311/requests.json")
    assert response.status_code == 200
    rows = {row["service_request_id"]: row for row in response.json()}
    assert set(rows[str(open_one.pk)]) == REQUEST_KEYS
    assert rows[str(open_one.pk)]["status"] == "open" and rows[str(open_one.pk)]["agency_responsible"] == "Akimat"
    assert rows[str(open_one.pk)]["expected_datetime"] is not None
    assert rows[str(closed.pk)]["status"] == "closed" and rows[str(declined.pk)]["status"] == "closed"
    assert rows[str(closed.pk)]["lat"] is None and rows[str(closed.pk)]["long"] is None
    assert rows[str(closed.pk)]["address"] == "Алматы" or rows[str(closed.pk)]["address"]
    opened = client.get("/api/v1/open311/requests.json?status=open").json()
    assert [row["service_request_id"] for row in opened] == [str(open_one.pk)]


def test_requests_filters_and_pages(client):
    roads = CategoryFactory(code="roads-311b")
    old = AppealFactory(category=roads)
    Appeal.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    for _ in range(3):
        AppealFactory()
    assert [
        r["service_request_id"] for r in client.get("/api/v1/open311/requests.json?service_code=roads-311b").json()
    ] == [str(old.pk)]
    start = (timezone.now() - timedelta(days=10)).isoformat()
    recent = client.get("/api/v1/open311/requests.json", {"start_date": start}).json()
    assert len(recent) == 3
    page = client.get("/api/v1/open311/requests.json?page_size=2")
    assert len(page.json()) == 2 and 'rel="next"' in page["Link"]
    assert len(client.get("/api/v1/open311/requests.json?page_size=2&page=2").json()) == 2
    assert client.get("/api/v1/open311/requests.json?status=maybe").status_code == 400
    many = client.get(f"/api/v1/open311/requests.json?service_request_id={old.pk}").json()
    assert [r["service_request_id"] for r in many] == [str(old.pk)]


def test_page_size_is_at_most_1000(client):
    from civicbridge.appeals.api.open311 import Open311Pagination

    assert Open311Pagination.max_page_size == 1000


def test_one_request_is_a_list_of_one(client):
    appeal = AppealFactory(text="The lift is broken.")
    data = client.get(f"/api/v1/open311/requests/{appeal.pk}.json").json()
    assert isinstance(data, list) and len(data) == 1
    assert data[0]["service_request_id"] == str(appeal.pk) and data[0]["description"] == "The lift is broken."
    assert client.get("/api/v1/open311/requests/999999.json").status_code == 404


def test_requests_queries_do_not_grow(client, django_assert_max_num_queries):
    for _ in range(10):
        AppealFactory(responsible=OrganisationFactory())
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/open311/requests.json").status_code == 200
