"""/api/v1/ itself: the router's index of every module's endpoints, readable by anyone."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_api_root_lists_every_module(client):
    response = client.get("/api/v1/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    index = response.json()
    for endpoint in ("organisations", "calls", "practices", "events", "appeals"):
        assert any(name.startswith(endpoint) or name.endswith(endpoint) for name in index), (endpoint, sorted(index))
