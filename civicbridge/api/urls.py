"""/api/v1/: one router for every module, the OpenAPI schema and its interactive docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from civicbridge.appeals.api.urls import register as register_appeals
from civicbridge.core.search.api import register as register_search
from civicbridge.events.api.urls import register as register_events
from civicbridge.exchange.api.urls import register as register_exchange
from civicbridge.grants.api.urls import register as register_grants
from civicbridge.notifications.api import register as register_notifications
from civicbridge.registry.api.urls import register as register_registry

router = DefaultRouter()
register_registry(router)
register_notifications(router)
register_grants(router)
register_exchange(router)
register_events(router)
register_appeals(router)
register_search(router)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("auth/", include("civicbridge.accounts.api.urls")),
    path("", include(router.urls)),
]
