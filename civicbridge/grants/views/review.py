"""Pages of state support: review."""

from __future__ import annotations

urls: list = []
