"""Fixtures for the files tests: a temporary MEDIA_ROOT and a registered purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from civicbridge.files import policy

PURPOSE = "tests.attachment"
KINDS = {"pdf", "docx", "xlsx", "odt", "ods", "jpg", "png", "csv"}


@pytest.fixture(autouse=True)
def media(tmp_path, settings) -> Path:
    """Every files test writes blobs to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def purpose():
    """The purpose the tests upload for (documents, images and CSV, up to 1 MB)."""
    return policy.register_purpose(PURPOSE, kinds=KINDS, max_bytes=1024 * 1024)


@pytest.fixture(autouse=True)
def _in_english(english):
    """Messages are compared in English (the root conftest's `english`)."""
