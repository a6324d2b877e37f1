"""purge_orphans: never-attached uploads after 24 h, files whose owner is gone, blobs nothing refers to."""

from __future__ import annotations

import os
from datetime import timedelta

from django.utils import timezone

from civicbridge.files import services, tasks
from civicbridge.files.models import StoredFile
from civicbridge.registry.tests.factories import OrganisationFactory

from . import samples
from .conftest import PURPOSE


def store(actor, owner=None):
    return services.store_upload(
        uploaded_file=samples.upload("a.pdf", samples.PDF), purpose=PURPOSE, actor=actor, owner=owner
    )


def test_purge_orphans(representative, org, media, django_capture_on_commit_callbacks):
    old = timezone.now() - timedelta(hours=25)
    stale = store(representative)
    fresh = store(representative)
    kept = store(representative, owner=org)
    gone_owner = OrganisationFactory()
    ownerless = store(representative, owner=gone_owner)
    gone_owner.delete()
    StoredFile.objects.filter(pk__in=[stale.pk, kept.pk]).update(uploaded_at=old)
    stray = media / "files" / "2020" / "01" / ("0" * 32) / "stray.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(samples.PDF)
    os.utime(stray, (0, 0))
    stale_blob, ownerless_blob = media / stale.file.name, media / ownerless.file.name

    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.purge_orphans.delay().get()

    assert result == {"records": 2, "blobs": 1}
    assert set(StoredFile.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}
    assert not stale_blob.exists() and not ownerless_blob.exists() and not stray.exists()
    assert samples.blobs(media) == sorted([media / fresh.file.name, media / kept.file.name])


def test_purge_with_nothing_to_do(db, media):
    assert tasks.purge_orphans(max_age_hours=1) == {"records": 0, "blobs": 0}
