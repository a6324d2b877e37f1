"""The admin shows the append-only tables of core (audit log, status history) read-only."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from civicbridge.core.models import TransitionHistory
from civicbridge.registry.models import Organisation
from civicbridge.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def history_rows(count: int, actor) -> list[TransitionHistory]:
    content_type = ContentType.objects.get_for_model(Organisation)
    return [
        TransitionHistory.objects.create(
            content_type=content_type,
            object_id=OrganisationFactory().pk,
            action="suspend",
            source="active",
            target="suspended",
            actor=actor,
            actor_repr=str(actor),
            reason=f"Reason {n}",
            request_id=f"req-{n}",
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("rows", [2, 20])
def test_status_history_is_listed_with_a_fixed_number_of_queries(
    client, admin_user, rows, django_assert_max_num_queries
):
    history_rows(rows, admin_user)
    client.force_login(admin_user)
    url = reverse("admin:core_transitionhistory_changelist")
    client.get(url)  # content types and the session are cached after the first request
    # session, user, content types (filter), count, page, date range, days (date hierarchy), actions (filter).
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("req-") == rows
    assert 'href="/admin/core/transitionhistory/add/"' not in html


def test_status_history_cannot_be_added_changed_or_deleted(client, admin_user):
    (row,) = history_rows(1, admin_user)
    client.force_login(admin_user)
    change = reverse("admin:core_transitionhistory_change", args=[row.pk])
    response = client.get(change)
    assert response.status_code == 200 and "Reason 0" in response.content.decode()  # shown, not editable
    assert 'name="reason"' not in response.content.decode()
    assert client.post(change, {"reason": "Rewritten"}).status_code == 403
    assert client.get(reverse("admin:core_transitionhistory_add")).status_code == 403
    assert (
        client.post(reverse("admin:core_transitionhistory_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    )
    row.refresh_from_db()
    assert row.reason == "Reason 0"


def test_status_history_is_for_staff_only(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("admin:core_transitionhistory_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
