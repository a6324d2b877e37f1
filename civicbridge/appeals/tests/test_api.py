"""The public API of citizens' issues: list with filters, detail with history and transfers, categories."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from civicbridge.appeals.choices import AppealStatus, HideReason
from civicbridge.appeals.tests.factories import AppealFactory, CategoryFactory, TransferFactory
from civicbridge.core.models import TransitionHistory
from civicbridge.registry.tests.factories import OrganisationFactory, RegionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIST = "/api/v1/appeals/"


def test_list_shape_and_filters(client):
    astana = RegionFactory(code="KZ-71", name="Astana", name_en="Astana")
    org = OrganisationFactory(name="Akimat", name_en="Akimat")
    wanted = AppealFactory(title="Bus", region=astana, status=AppealStatus.ACCEPTED, responsible=org, public_name="A.")
    AppealFactory(title="Lights")
    data = client.get(f"{LIST}?region=KZ-71&status=accepted").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["id"] == wanted.pk and row["title"] == "Bus" and row["status"] == "accepted"
    assert row["region"] == "KZ-71" and row["responsible"] == org.pk and row["responsible_name"] == "Akimat"
    assert row["public_name"] == "A." and row["is_hidden"] is False and row["merged_into"] is None
    assert set(row) >= {"category", "category_name", "theme", "country", "created_at", "due_at", "is_overdue"}
    assert client.get(f"{LIST}?status=nonsense").status_code == 400


def test_list_queries_do_not_grow(client, django_assert_max_num_queries):
    for _ in range(10):
        AppealFactory(responsible=OrganisationFactory())
    with django_assert_max_num_queries(4):
        assert client.get(LIST).status_code == 200


def test_detail_has_history_transfers_and_merged(client):
    first = OrganisationFactory(name="District", name_en="District")
    second = OrganisationFactory(name="Region", name_en="Region")
    main = AppealFactory(
        responsible=second,
        status=AppealStatus.ANSWERED,
        answer="Fixed.",
        answered_at=timezone.now(),
        answered_by_organisation=second,
    )
    duplicate = AppealFactory(status=AppealStatus.DECLINED, merged_into=main)
    TransferFactory(appeal=main, from_organisation=first, to_organisation=second, reason="Regional roads.")
    TransitionHistory.objects.create(
        content_type=ContentType.objects.get_for_model(main),
        object_id=main.pk,
        action="decline",
        source="new",
        target="declined",
        reason="Not our competence",
        actor_repr="Clerk Petrova",
    )
    data = client.get(f"{LIST}{main.pk}/").json()
    assert data["answer"] == "Fixed." and data["answered_by_organisation_name"] == "Region"
    assert data["transfers"] == [
        {
            "at": data["transfers"][0]["at"],
            "from_organisation": first.pk,
            "from_organisation_name": "District",
            "to_organisation": second.pk,
            "to_organisation_name": "Region",
            "reason": "Regional roads.",
        }
    ]
    assert data["history"][0]["status"] == "declined" and data["history"][0]["reason"] == "Not our competence"
    assert "Clerk Petrova" not in str(data)
    assert data["merged"] == [duplicate.pk]


def test_hidden_issue_in_the_api(client, moderator):
    appeal = AppealFactory(
        title="Rude words", text="Rude text", hidden_at=timezone.now(), hidden_reason=HideReason.ABUSIVE
    )
    data = client.get(f"{LIST}{appeal.pk}/").json()
    assert data["title"] == "Hidden by a moderator: abusive content"
    assert data["text"] == "" and data["is_hidden"] is True and data["hidden_reason"] == "abusive"
    assert "Rude" not in client.get(LIST).content.decode()


def test_categories(client):
    CategoryFactory(code="roads-test", name="Roads", name_en="Roads", response_days=20)
    data = client.get("/api/v1/appeal-categories/").json()
    row = next(item for item in data if item["code"] == "roads-test")
    assert row["name"] == "Roads" and row["response_days"] == 20
    assert client.get("/api/v1/appeal-categories/roads-test/").json()["code"] == "roads-test"


def test_read_only(client, citizen):
    client.force_login(citizen)
    appeal = AppealFactory()
    assert client.post(LIST, {"title": "x"}).status_code == 405
    assert client.patch(f"{LIST}{appeal.pk}/", {"title": "x"}, content_type="application/json").status_code == 405


def test_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    for path in (
        "/api/v1/appeals/",
        "/api/v1/appeals/{id}/",
        "/api/v1/appeal-categories/",
        "/api/v1/open311/services/",
        "/api/v1/open311/requests/",
        "/api/v1/open311/requests/{id}/",
    ):
        assert path in schema["paths"], path
