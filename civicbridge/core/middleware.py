"""Request id and audit actor for every request."""

import re

from . import context

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Takes a sane X-Request-ID from the proxy or makes one; echoes it in the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else context.new_request_id()
        request.request_id = request_id
        token = context.set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            context.reset_request_id(token)
        response["X-Request-ID"] = request_id
        return response


class AuditActorMiddleware:
    """Makes the signed-in user the actor of every change made while serving the request.

    DRF authenticates tokens inside the view, so the API's base view sets the actor again there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = context.set_actor(user if user is not None and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            context.reset_actor(token)


class ViewerTimeZoneMiddleware:
    """Serves every page in the viewer's time zone: theirs when signed in, else the site's display zone.

    Instants are stored in UTC; templates and forms then show and read them as the viewer's clock, so a call that
    closes at 18:00 Astana time reads 16:00 to a viewer in Moscow. Must come after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import timezone

        from .timezones import zone_of

        with timezone.override(zone_of(getattr(request, "user", None))):
            return self.get_response(request)
