"""The responsible party's organisations come from accounts.rules' public helper (one query per request)."""

import pytest

from civicbridge.accounts.choices import Role
from civicbridge.accounts.rules import organisations_held
from civicbridge.appeals.rules import organisations_responding_for

from .factories import person_of

pytestmark = pytest.mark.django_db


def test_organisations_held_reads_the_cached_roles(org, other_org, django_assert_num_queries):
    official = person_of(org, Role.OFFICIAL)
    from civicbridge.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=official, role=Role.EXPERT, organisation=other_org)
    with django_assert_num_queries(1):
        assert organisations_held(official, [Role.OFFICIAL]) == {org.pk}
        assert organisations_held(official, [Role.OFFICIAL, Role.EXPERT]) == {org.pk, other_org.pk}
        assert organisations_responding_for(official) == {org.pk}


def test_nobody_holds_nothing(citizen):
    from django.contrib.auth.models import AnonymousUser

    assert organisations_held(AnonymousUser(), [Role.OFFICIAL]) == set()
    assert organisations_held(None, [Role.OFFICIAL]) == set()
    assert organisations_responding_for(citizen) == set()
