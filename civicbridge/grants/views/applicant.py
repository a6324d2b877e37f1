"""Pages of state support: applicant."""

from __future__ import annotations

urls: list = []
