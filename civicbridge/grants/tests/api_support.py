"""Shared by the grants API and permission tests: the URLs and a cast of people around one call.

URLs: the site's own with the grants endpoints under /api/v1/, whether or not civicbridge/api/urls.py wires them in
yet (the first match wins, and both point at the same viewsets).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.urls import include, path
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.grants import models as m
from civicbridge.grants.api.urls import router
from civicbridge.grants.choices import ApplicationStatus, CallStatus, ReviewStatus
from civicbridge.registry.tests.factories import OrganisationFactory
from config.urls import urlpatterns as site

from .factories import ApplicationFactory, CallFactory, ExpertProfileFactory, ProgrammeFactory

urlpatterns = [path("api/v1/", include(router.urls)), *site]
URLS = "civicbridge.grants.tests.api_support"
API = "/api/v1/grants"


def client_for(user=None, language: str | None = None) -> APIClient:
    """An API client that signs requests with the user's token (or an anonymous one)."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    if language:
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def submitted(application: m.Application, status: str = ApplicationStatus.IN_REVIEW, **fields) -> m.Application:
    """Put a factory application in a later state as the database allows it (created in that state, never moved)."""
    number = m.Application.objects.filter(call=application.call).exclude(receipt_number=None).count() + 1
    values = {
        "status": status,
        "receipt_number": f"{application.call.code.upper()}-{number:05d}-{application.pk}",
        "submitted_at": timezone.now() - timedelta(days=1),
        "requested_amount": Decimal("3000000.00"),
        "cofinancing_amount": Decimal("500000.00"),
        "band": application.call.bands.order_by("min_amount").first(),
        **fields,
    }
    m.Application.objects.filter(pk=application.pk).update(**values)  # set-up: skip the workflow
    application.refresh_from_db()
    return application


class Cast:
    """Everyone the permission rules tell apart, around one open call of one programme.

    - `org_a` applies: `draft_a` (a draft that would pass submission) and `reviewed_a` (under review, with
      `review` by `expert`); `org_b` has its own draft `draft_b`;
    - `runner` operates the programme's funder; `other_runner` runs another programme (`other_call`);
    - `draft_call` is a draft call of the same programme, and `second_call` another open call of it.
    """

    ROLES = (
        "anonymous",
        "citizen",
        "applicant_a",
        "applicant_b",
        "expert",
        "other_expert",
        "runner",
        "other_runner",
        "admin",
    )

    def __init__(self) -> None:
        self.programme = ProgrammeFactory()
        self.call = CallFactory(programme=self.programme)
        self.second_call = CallFactory(programme=self.programme)
        self.draft_call = CallFactory(programme=self.programme, status=CallStatus.DRAFT)
        self.other_call = CallFactory()
        self.org_a, self.org_b = OrganisationFactory(), OrganisationFactory()
        self.draft_a = ApplicationFactory(call=self.call, organisation=self.org_a)
        self.draft_b = ApplicationFactory(call=self.call, organisation=self.org_b)
        self.reviewed_a = submitted(ApplicationFactory(call=self.call, organisation=self.org_a))

        self.anonymous = None
        self.citizen = UserFactory()
        self.applicant_a = self._member(Role.REPRESENTATIVE, self.org_a)
        self.applicant_b = self._member(Role.REPRESENTATIVE, self.org_b)
        self.runner = self._member(Role.OPERATOR, self.programme.funder)
        self.other_runner = self._member(Role.OPERATOR, self.other_call.programme.funder)
        self.admin = UserFactory(is_staff=True, is_superuser=True)
        self.expert = ExpertProfileFactory().user
        self.other_expert = ExpertProfileFactory().user
        self.review = m.Review.objects.create(
            application=self.reviewed_a,
            expert=self.expert,
            status=ReviewStatus.ASSIGNED,
            due_at=timezone.now() + timedelta(days=14),
        )

    @staticmethod
    def _member(role: str, organisation):
        user = UserFactory()
        MembershipFactory(user=user, role=role, organisation=organisation)
        return user

    def user(self, role: str):
        return getattr(self, role)
