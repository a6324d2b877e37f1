"""Pages of state support: outcomes."""

from __future__ import annotations

urls: list = []
