"""Pages of state support: operator."""

from __future__ import annotations

urls: list = []
