"""Pages are served in the viewer's time zone: theirs when signed in, else the site's display zone."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils import timezone

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.core.middleware import ViewerTimeZoneMiddleware


def _zone_seen_by(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    middleware = ViewerTimeZoneMiddleware(lambda r: HttpResponse(timezone.get_current_timezone_name()))
    return middleware(request).content.decode()


@pytest.mark.django_db
def test_a_signed_in_viewer_reads_their_own_zone_and_it_does_not_leak():
    assert _zone_seen_by(UserFactory(time_zone="Europe/Moscow")) == "Europe/Moscow"
    assert timezone.get_current_timezone_name() == "UTC"  # restored after the request


@override_settings(DISPLAY_TIME_ZONE="Asia/Almaty")
def test_anonymous_visitors_and_unknown_zones_read_the_display_zone():
    assert _zone_seen_by(AnonymousUser()) == "Asia/Almaty"
    assert _zone_seen_by(type("U", (), {"time_zone": "Mars/Olympus"})()) == "Asia/Almaty"
