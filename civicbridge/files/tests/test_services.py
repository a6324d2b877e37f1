"""store_upload, attach, delete: blob and record stay together, refusals write nothing, rollbacks leave nothing."""

from __future__ import annotations

import hashlib
import os
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db import DatabaseError, connection, transaction

from civicbridge.core.models import AuditEntry
from civicbridge.files import selectors, services
from civicbridge.files.models import StoredFile
from civicbridge.registry.models import Organisation

from . import samples
from .conftest import PURPOSE


def store(actor, name="Заявка №1.pdf", content=samples.PDF, **kwargs) -> StoredFile:
    return services.store_upload(uploaded_file=samples.upload(name, content), purpose=PURPOSE, actor=actor, **kwargs)


def test_store_upload_records_the_file_and_writes_the_blob(representative, media):
    stored = store(representative)
    stored.refresh_from_db()
    assert (stored.original_name, stored.safe_name, stored.kind) == ("Заявка №1.pdf", "Заявка_No1.pdf", "pdf")
    assert (stored.content_type, stored.size, stored.purpose) == ("application/pdf", len(samples.PDF), PURPOSE)
    assert stored.sha256 == hashlib.sha256(samples.PDF).hexdigest()
    assert stored.uploaded_by == representative and not stored.is_attached
    assert re.fullmatch(r"files/\d{4}/\d{2}/[0-9a-f]{32}/Заявка_No1\.pdf", stored.file.name)
    assert samples.blobs(media) == [media / stored.file.name]
    assert (media / stored.file.name).read_bytes() == samples.PDF
    assert stored.url == f"/files/{stored.public_id}/"


def test_store_upload_is_audited_without_the_storage_path(representative):
    stored = store(representative)
    entry = AuditEntry.objects.get(content_type=ContentType.objects.get_for_model(StoredFile), object_id=stored.pk)
    assert entry.action == "create"
    assert entry.changes["sha256"] == [None, stored.sha256]
    assert "file" not in entry.changes


def test_a_refused_file_writes_nothing(representative, media):
    with pytest.raises(ValidationError):
        store(representative, "setup.pdf", samples.EXE)
    assert not StoredFile.objects.exists()
    assert samples.blobs(media) == []


def test_a_large_upload_spooled_to_disk_is_stored(representative, media):
    content = samples.CSV_UTF8 * 2000
    upload = TemporaryUploadedFile("big.csv", "text/csv", len(content), None)
    upload.write(content)
    upload.seek(0)
    stored = services.store_upload(uploaded_file=upload, purpose=PURPOSE, actor=representative)
    assert (media / stored.file.name).read_bytes() == content
    assert stored.content_type == "text/csv"
    upload.close()  # as the request would: the storage moved the temporary file into place


def test_upload_with_an_owner_attaches_it(representative, org):
    stored = store(representative, owner=org)
    assert stored.owner == org
    assert list(selectors.files_for(org)) == [stored]
    assert list(selectors.files_for(org, purpose="other.purpose")) == []


def test_an_owner_that_declares_who_may_attach_is_asked(monkeypatch, representative, citizen, org, media):
    monkeypatch.setattr(Organisation, "file_attach_perm", "registry.change_organisation", raising=False)
    assert store(representative, owner=org).owner == org
    with pytest.raises(PermissionDenied):
        store(citizen, owner=org)
    assert StoredFile.objects.count() == 1 and len(samples.blobs(media)) == 1


def test_an_unsaved_owner_is_a_programming_error(representative):
    with pytest.raises(ValueError):
        store(representative, owner=Organisation(name_ru="Новая"))


def test_if_the_row_cannot_be_written_the_blob_is_deleted(representative, media):
    """A real database refusal after the blob was written (a trigger), not a mock: the service must clean up."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION files_refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END; $$ "
                "LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER files_refuse BEFORE INSERT ON files_storedfile "
                "FOR EACH ROW EXECUTE FUNCTION files_refuse()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER files_refuse BEFORE INSERT ON files_storedfile "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
    with pytest.raises(DatabaseError):
        store(representative)
    assert samples.blobs(media) == []
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER files_refuse" + (" ON files_storedfile" if connection.vendor == "postgresql" else "")
        )
    assert not StoredFile.objects.exists()


def test_a_callers_rollback_leaves_a_blob_that_the_purge_removes(representative, media):
    with pytest.raises(RuntimeError), transaction.atomic():
        store(representative)
        raise RuntimeError("the caller's own work failed")
    assert not StoredFile.objects.exists()
    (orphan,) = samples.blobs(media)
    assert services.purge_orphans()["blobs"] == 0  # too new: it may belong to a transaction still open
    os.utime(orphan, (0, 0))
    assert services.purge_orphans()["blobs"] == 1
    assert samples.blobs(media) == []


def test_attach_sets_the_owner_once(representative, citizen, org, other_org):
    stored = store(representative)
    with pytest.raises(PermissionDenied):
        services.attach(stored_file=stored, owner=org, actor=citizen)  # not theirs to attach
    stored = services.attach(stored_file=stored, owner=org, actor=representative)
    assert stored.owner == org
    assert services.attach(stored_file=stored, owner=org, actor=representative).owner == org  # again: no change
    with pytest.raises(ValidationError) as caught:
        services.attach(stored_file=stored, owner=other_org, actor=representative)
    assert caught.value.messages == ["This file is already attached to another record."]


def test_delete_removes_the_blob_after_commit(representative, media, django_capture_on_commit_callbacks):
    stored = store(representative)
    folder = (media / stored.file.name).parent
    with django_capture_on_commit_callbacks(execute=True):
        services.stored_file_delete(stored_file=stored, actor=representative)
    assert not StoredFile.objects.exists()
    assert samples.blobs(media) == []
    assert not folder.exists()  # the file's own random folder goes too


def test_a_rolled_back_delete_keeps_the_blob(representative, media, django_capture_on_commit_callbacks):
    stored = store(representative)
    pk, name = stored.pk, stored.file.name
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.stored_file_delete(stored_file=stored, actor=representative)
            raise RuntimeError("the caller's own work failed")
    assert callbacks == []  # the blob's deletion was dropped with the transaction
    assert StoredFile.objects.filter(pk=pk).exists()
    assert samples.blobs(media) == [media / name]


def test_delete_is_refused_to_others(representative, citizen, org, media):
    stored = store(representative, owner=org)
    with pytest.raises(PermissionDenied):
        services.stored_file_delete(stored_file=stored, actor=citizen)
    with pytest.raises(PermissionDenied):  # attached to a record that declares no attach rule: staff only
        services.stored_file_delete(stored_file=stored, actor=representative)
    assert StoredFile.objects.count() == 1 and len(samples.blobs(media)) == 1


def test_hostile_and_long_names_land_inside_the_media_folder(representative, media):
    traversal = store(representative, "../../etc/passwd.pdf")
    long = store(representative, "Очень длинное название заявки " * 30 + ".pdf")
    assert traversal.safe_name == "passwd.pdf" and traversal.original_name == "passwd.pdf"
    assert long.safe_name.endswith(".pdf") and len(long.safe_name) <= 100 and len(long.file.name) <= 255
    for stored in (traversal, long):
        path = (media / stored.file.name).resolve()
        assert path.is_relative_to(media.resolve()) and path.read_bytes() == samples.PDF
