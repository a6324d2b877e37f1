"""Reads of files: one file by its public id, and the files of a record."""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import StoredFile


def stored_file_get(public_id: uuid.UUID | str) -> StoredFile:
    """The file with this public id, or 404."""
    return get_object_or_404(StoredFile.objects.select_related("owner_type"), public_id=public_id)


def files_for(owner: models.Model, *, purpose: str | None = None) -> QuerySet[StoredFile]:
    """The files attached to a record, oldest first, optionally of one purpose."""
    queryset = StoredFile.objects.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk)
    return queryset.filter(purpose=purpose) if purpose else queryset
