"""Writes of files: store an upload, attach it to its record, delete it, and purge what nothing refers to.

The blob goes through Django's storage API (`STORAGES["default"]`), so local disk and S3-compatible storage behave
the same. A database transaction cannot take a blob back: store_upload deletes the blob itself when its own work
fails, and `purge_orphans` (a scheduled job) removes blobs left by a caller's transaction that rolled back later.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.core.context import user_or_none
from civicbridge.core.permissions import require

from . import policy
from .models import StoredFile

log = logging.getLogger("civicbridge.files")
ROOT = "files"


def _owner_link(owner: models.Model) -> tuple[ContentType, int]:
    """(content type, id) for a saved record with an integer primary key: the only kind that can own files."""
    if owner.pk is None:
        raise ValueError("Save the owner before attaching files to it.")
    if not isinstance(owner.pk, int):
        raise TypeError(f"{type(owner).__name__} has a non-integer primary key and cannot own files.")
    return ContentType.objects.get_for_model(owner), owner.pk


def _require_attach(actor: Any, owner: models.Model) -> None:
    """When the owner declares who may attach files (`file_attach_perm`), the actor must hold that permission."""
    perm = getattr(owner, "file_attach_perm", None)
    if perm:
        require(actor, perm, owner)


@transaction.atomic
def store_upload(*, uploaded_file, purpose: str, actor: Any, owner: models.Model | None = None) -> StoredFile:
    """Check an upload for `purpose` (size, type by content, name), store its blob and record it, attached or not.

    Raises ValidationError (one message, in the active language) for a file that is refused, PermissionDenied when
    the owner declares `file_attach_perm` and the actor lacks it. The caller checks its own right to upload.
    """
    spec = policy.get_purpose(purpose)
    link = _owner_link(owner) if owner is not None else (None, None)
    if owner is not None:
        _require_attach(actor, owner)
    checked = policy.check(uploaded_file, spec)
    stored = StoredFile(
        original_name=checked.original_name,
        safe_name=checked.safe_name,
        kind=checked.kind,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        purpose=spec.code,
        uploaded_by=user_or_none(actor),
        owner_type=link[0],
        owner_id=link[1],
    )
    stored.file.save(checked.safe_name, uploaded_file, save=False)
    try:
        stored.save(force_insert=True)
    except BaseException:
        delete_blob(stored.file.storage, stored.file.name)
        raise
    return stored


@transaction.atomic
def attach(*, stored_file: StoredFile, owner: models.Model, actor: Any) -> StoredFile:
    """Attach an uploaded file to its record (e.g. once the draft it was uploaded with is saved)."""
    owner_type, owner_id = _owner_link(owner)
    stored_file = StoredFile.objects.select_for_update().get(pk=stored_file.pk)
    if (stored_file.owner_type_id, stored_file.owner_id) == (owner_type.pk, owner_id):
        return stored_file
    if stored_file.owner_id is not None:
        raise ValidationError(_("This file is already attached to another record."), code="file_attached")
    require(actor, "files.change_storedfile", stored_file)
    _require_attach(actor, owner)
    stored_file.owner_type, stored_file.owner_id = owner_type, owner_id
    stored_file.save(update_fields=["owner_type", "owner_id"])
    return stored_file


@transaction.atomic
def stored_file_delete(*, stored_file: StoredFile, actor: Any) -> None:
    """Delete a file's record now and its blob once the transaction commits (a rollback keeps both)."""
    require(actor, "files.delete_storedfile", stored_file)
    storage, name = stored_file.file.storage, stored_file.file.name
    stored_file.delete()
    transaction.on_commit(lambda: delete_blob(storage, name))


def delete_blob(storage: Storage, name: str) -> None:
    """Delete one blob, and on local disk its now empty folder; a blob already gone is not an error."""
    if not name:
        return
    try:
        storage.delete(name)
    except FileNotFoundError:
        pass
    try:
        os.rmdir(os.path.dirname(storage.path(name)))
    except (NotImplementedError, OSError):
        pass  # not a local disk, or the folder is not empty


def _walk(storage: Storage, path: str):
    """Every blob name under `path`, depth first (works on any storage that implements listdir)."""
    try:
        dirs, names = storage.listdir(path)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in names:
        yield f"{path}/{name}"
    for sub in dirs:
        yield from _walk(storage, f"{path}/{sub}")


def purge_orphans(*, older_than: timedelta | None = None) -> dict[str, int]:
    """Delete files never attached after `older_than` (24 h), files whose owner is gone, and blobs with no record."""
    if older_than is None:
        older_than = timedelta(hours=getattr(settings, "FILES_ORPHAN_AGE_HOURS", 24))
    cutoff = timezone.now() - older_than
    doomed = set(StoredFile.objects.filter(owner_id__isnull=True, uploaded_at__lt=cutoff).values_list("pk", flat=True))
    owner_types = StoredFile.objects.filter(owner_type__isnull=False).values_list("owner_type", flat=True)
    for owner_type_id in set(owner_types.order_by()):
        model = ContentType.objects.get_for_id(owner_type_id).model_class()
        gone = StoredFile.objects.filter(owner_type_id=owner_type_id)
        if model is not None:
            gone = gone.exclude(owner_id__in=model._base_manager.values("pk"))
        doomed.update(gone.values_list("pk", flat=True))
    rows, ids = 0, sorted(doomed)
    for start in range(0, len(ids), 500):
        for stored in StoredFile.objects.filter(pk__in=ids[start : start + 500]):
            with transaction.atomic():
                storage, name = stored.file.storage, stored.file.name
                stored.delete()
                transaction.on_commit(lambda storage=storage, name=name: delete_blob(storage, name))
            rows += 1
    blobs = _purge_blobs(default_storage, cutoff)
    if rows or blobs:
        log.info("files: purged %s unattached or ownerless records and %s blobs without a record", rows, blobs)
    return {"records": rows, "blobs": blobs}


def _purge_blobs(storage: Storage, cutoff) -> int:
    """Delete blobs under files/ that no record names and that are older than `cutoff` (newer ones may be in flight)."""
    deleted = 0
    try:
        years = storage.listdir(ROOT)[0]
    except (FileNotFoundError, NotImplementedError):
        return 0
    for year in years:
        for month in storage.listdir(f"{ROOT}/{year}")[0]:
            prefix = f"{ROOT}/{year}/{month}/"
            known = set(StoredFile.objects.filter(file__startswith=prefix).values_list("file", flat=True))
            for name in _walk(storage, prefix.rstrip("/")):
                if name not in known and storage.get_modified_time(name) < cutoff:
                    delete_blob(storage, name)
                    deleted += 1
    return deleted
