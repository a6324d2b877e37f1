"""The admin lists files read-only, with a fixed number of queries (none per row)."""

from __future__ import annotations

from django.urls import reverse

from civicbridge.files import services

from . import samples
from .conftest import PURPOSE


def test_changelist_is_read_only_and_does_not_fetch_owners(
    admin_client, admin_user, org, django_assert_max_num_queries
):
    for index in range(5):
        services.store_upload(
            uploaded_file=samples.upload(f"{index}.pdf", samples.PDF), purpose=PURPOSE, actor=admin_user, owner=org
        )
    url = reverse("admin:files_storedfile_changelist")
    with django_assert_max_num_queries(10):
        response = admin_client.get(url)
    assert response.status_code == 200
    assert "0.pdf" in response.text and f"#{org.pk}" in response.text
    assert reverse("admin:files_storedfile_add") not in response.text
