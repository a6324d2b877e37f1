"""/api/v1/auth/: API tokens."""

from django.urls import path

from . import views

urlpatterns = [
    path("token/", views.ObtainTokenView.as_view(), name="api-token"),
]
