"""URL map: pages (language by cookie/Accept-Language), /api/v1/, health check, admin."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from civicbridge.accounts import views as accounts_views
from civicbridge.accounts.urls import auth_urlpatterns
from civicbridge.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include(auth_urlpatterns)),
    path("accounts/", include("civicbridge.accounts.urls")),
    path("registry/", include("civicbridge.registry.urls")),
    path("grants/", include("civicbridge.grants.urls")),
    path("exchange/", include("civicbridge.exchange.urls")),
    path("events/", include("civicbridge.events.urls")),
    path("appeals/", include("civicbridge.appeals.urls")),
    path("notifications/", include("civicbridge.notifications.urls")),
    path("files/", include("civicbridge.files.urls")),
    path("search/", include("civicbridge.core.search.urls")),
    path("audit/<str:app_label>/<str:model>/<str:pk>/", core_views.audit_for_object, name="audit-object"),
    path("api/v1/", include("civicbridge.api.urls")),
    path("admin/", admin.site.urls),
]
