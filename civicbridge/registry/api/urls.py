"""Registry endpoints on the one /api/v1/ router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from . import views


def register(router: BaseRouter) -> None:
    """Add the registry's viewsets to the API router."""
    router.register("organisations", views.OrganisationViewSet, basename="organisation")
    router.register("units", views.UnitViewSet, basename="unit")
    router.register("people", views.PersonViewSet, basename="person")
    router.register("positions", views.PositionViewSet, basename="position")
    router.register("network-memberships", views.NetworkMembershipViewSet, basename="networkmembership")
    router.register("themes", views.ThemeViewSet, basename="theme")
    router.register("regions", views.RegionViewSet, basename="region")
    router.register("countries", views.CountryViewSet, basename="country")
    router.register("legal-forms", views.LegalFormViewSet, basename="legalform")
