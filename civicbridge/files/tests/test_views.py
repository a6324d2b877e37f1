"""The download view: headers that keep a file a file, and the owner's rule deciding who gets it."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest
from django.urls import reverse

from civicbridge.files import rules as file_rules
from civicbridge.files import services
from civicbridge.registry.models import Organisation
from civicbridge.registry.tests.factories import OrganisationFactory

from . import samples
from .conftest import PURPOSE


def store(actor, name="Заявка №1.pdf", content=samples.PDF, owner=None):
    return services.store_upload(uploaded_file=samples.upload(name, content), purpose=PURPOSE, actor=actor, owner=owner)


def body(response) -> bytes:
    """The streamed bytes (reading them to the end closes the file, as the test client wraps the stream)."""
    return b"".join(response.streaming_content)


def test_download_streams_an_attachment_with_safe_headers(client, representative, org):
    stored = store(representative, owner=org)
    response = client.get(reverse("files:download", kwargs={"public_id": stored.public_id}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"No1.pdf\"; filename*=UTF-8''%D0%97%D0%B0%D1%8F%D0%B2%D0%BA%D0%B0_No1.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Length"] == str(len(samples.PDF))
    assert "private" in response["Cache-Control"]
    assert body(response) == samples.PDF


def test_text_is_served_as_utf8_text(client, representative, org):
    stored = store(representative, "список.csv", samples.CSV_UTF8, owner=org)
    response = client.get(stored.url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body(response) == samples.CSV_UTF8


def test_a_public_owners_files_are_public(client, representative, org):
    """A registry organisation declares no file_view_perm: anyone, signed in or not, may download."""
    stored = store(representative, owner=org)
    assert body(client.get(stored.url)) == samples.PDF


def test_an_unattached_file_is_for_its_uploader_only(client, representative, citizen, admin_user):
    stored = store(representative)
    anonymous = client.get(stored.url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    client.force_login(citizen)
    assert client.get(stored.url).status_code == 403
    client.force_login(representative)
    assert body(client.get(stored.url)) == samples.PDF
    client.force_login(admin_user)
    assert body(client.get(stored.url)) == samples.PDF


def test_a_private_owners_rule_decides(monkeypatch, client, representative, citizen, org):
    """An owner model that declares file_view_perm: only those its rule lets view the owner get the file."""
    monkeypatch.setattr(Organisation, "file_view_perm", "registry.change_organisation", raising=False)
    stored = store(representative, owner=org)
    client.force_login(citizen)
    assert client.get(stored.url).status_code == 403
    client.force_login(representative)
    assert body(client.get(stored.url)) == samples.PDF


def test_owner_rule_predicate_asks_the_owners_own_permission(representative, citizen, org, other_org):
    private = SimpleNamespace(file_view_perm="registry.change_organisation")
    assert file_rules.owner_allows(citizen, private, "file_view_perm", default=True) is False
    org.file_view_perm = "registry.change_organisation"  # this instance now guards its files like a private owner
    assert file_rules.owner_allows(representative, org, "file_view_perm", default=True) is True
    assert file_rules.owner_allows(citizen, org, "file_view_perm", default=True) is False
    assert file_rules.owner_allows(citizen, other_org, "file_view_perm", default=True) is True  # declares none


def test_a_file_whose_owner_is_gone_is_not_served(client, representative):
    owner = OrganisationFactory()
    stored = store(representative, owner=owner)
    owner.delete()
    client.force_login(representative)
    assert client.get(stored.url).status_code == 403


def test_a_missing_blob_is_404_not_a_crash(client, representative, org, media):
    stored = store(representative, owner=org)
    (media / stored.file.name).unlink()
    assert client.get(stored.url).status_code == 404


def test_unknown_ids_are_404_and_only_get_is_allowed(client, representative, org):
    assert client.get(reverse("files:download", kwargs={"public_id": uuid.uuid4()})).status_code == 404
    assert client.get("/files/1/").status_code == 404  # integer ids are not addresses
    stored = store(representative, owner=org)
    assert client.post(stored.url).status_code == 405


@pytest.mark.parametrize("perm", ["files.change_storedfile", "files.delete_storedfile"])
def test_change_and_delete_rules(monkeypatch, perm, representative, citizen, moderator, org):
    unattached = store(representative)
    assert representative.has_perm(perm, unattached) and not citizen.has_perm(perm, unattached)
    attached = store(representative, owner=org)
    assert not representative.has_perm(perm, attached)  # the owner names no attach rule: staff only
    assert moderator.has_perm(perm, attached)
    monkeypatch.setattr(Organisation, "file_attach_perm", "registry.change_organisation", raising=False)
    assert representative.has_perm(perm, attached) and not citizen.has_perm(perm, attached)
