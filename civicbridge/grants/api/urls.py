"""State-support endpoints on the one /api/v1/ router (under grants/)."""

from __future__ import annotations

from rest_framework.routers import BaseRouter, SimpleRouter

from . import views


def register(router: BaseRouter) -> None:
    """Add the grants viewsets to an API router."""
    router.register("grants/programmes", views.ProgrammeViewSet, basename="grants-programme")
    router.register("grants/calls", views.CallViewSet, basename="grants-call")
    router.register("grants/applications", views.ApplicationViewSet, basename="grants-application")
    router.register("grants/reviews", views.ReviewViewSet, basename="grants-review")
    router.register("grants/results", views.ResultViewSet, basename="grants-result")


# For the lead: either `register(router)` on the /api/v1/ router, or include `router.urls` (== `urlpatterns`).
router = SimpleRouter()
register(router)
urlpatterns = router.urls
