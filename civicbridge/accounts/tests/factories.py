"""Factories for users and roles."""

import factory

from civicbridge.accounts.choices import Role
from civicbridge.accounts.models import Membership, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="ru_RU")
    password = factory.django.Password("correct-horse-battery")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.REPRESENTATIVE
    organisation = factory.SubFactory("civicbridge.registry.tests.factories.OrganisationFactory")
