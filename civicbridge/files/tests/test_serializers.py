"""The API shape of a stored file."""

from __future__ import annotations

from django.test import RequestFactory

from civicbridge.files import services
from civicbridge.files.serializers import StoredFileSerializer

from . import samples
from .conftest import PURPOSE


def test_a_stored_file_in_the_api(representative, org):
    stored = services.store_upload(
        uploaded_file=samples.upload("Заявка №1.pdf", samples.PDF), purpose=PURPOSE, actor=representative, owner=org
    )
    data = StoredFileSerializer(stored, context={"request": RequestFactory().get("/")}).data
    assert data["id"] == str(stored.public_id)
    assert (data["name"], data["kind"], data["content_type"], data["size"]) == (
        "Заявка_No1.pdf",
        "pdf",
        "application/pdf",
        len(samples.PDF),
    )
    assert data["url"] == f"http://testserver/files/{stored.public_id}/"
    assert "file" not in data and "original_name" not in data  # never the storage path
