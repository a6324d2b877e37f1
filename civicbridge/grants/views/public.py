"""Pages of state support: public."""

from __future__ import annotations

urls: list = []
