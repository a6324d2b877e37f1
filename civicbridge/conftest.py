"""Fixtures shared by every app's tests: users in each role, with the organisations they act for."""

import pytest

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.registry.tests.factories import OrganisationFactory


@pytest.fixture
def org(db):
    return OrganisationFactory()


@pytest.fixture
def other_org(db):
    return OrganisationFactory()


@pytest.fixture
def citizen(db):
    return UserFactory(email="citizen@example.org")


@pytest.fixture
def representative(db, org):
    """An NGO representative of `org` (and of nothing else)."""
    user = UserFactory(email="rep@example.org")
    MembershipFactory(user=user, role=Role.REPRESENTATIVE, organisation=org)
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.org")
    MembershipFactory(user=user, role=Role.MODERATOR, organisation=None)
    return user


@pytest.fixture
def operator(db, other_org):
    user = UserFactory(email="operator@example.org")
    MembershipFactory(user=user, role=Role.OPERATOR, organisation=other_org)
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (cached choices and counts must not leak between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
