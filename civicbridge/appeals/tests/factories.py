"""Factories for citizens' issues."""

import factory

from civicbridge.appeals.choices import AppealStatus, Channel
from civicbridge.appeals.models import Appeal, Category, RoutingRule, Supporter, Transfer
from civicbridge.core.text import search_blob
from civicbridge.registry.tests.factories import CountryFactory, OrganisationFactory, RegionFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")
    name_en = factory.SelfAttribute("name")
    response_days = 15


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingRule

    responsible = factory.SubFactory(OrganisationFactory)


class AppealFactory(factory.django.DjangoModelFactory):
    """A new, unrouted issue sent online in KZ-75 (set responsible=/status= for others; answered needs answered_at)."""

    class Meta:
        model = Appeal

    title = factory.Sequence(lambda n: f"Issue {n}")
    text = factory.Faker("paragraph")
    category = factory.SubFactory(CategoryFactory)
    country = factory.SubFactory(CountryFactory)
    region = factory.SubFactory(RegionFactory, country=factory.SelfAttribute("..country"))
    channel = Channel.ONLINE
    status = AppealStatus.NEW
    search_text = factory.LazyAttribute(lambda o: search_blob([o.title, o.text]))


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transfer

    appeal = factory.SubFactory(AppealFactory)
    to_organisation = factory.SubFactory(OrganisationFactory)


class SupporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supporter

    appeal = factory.SubFactory(AppealFactory)
    user = factory.SubFactory("civicbridge.accounts.tests.factories.UserFactory")


def person_of(organisation, role, **user_fields):
    """A user holding `role` in `organisation` (e.g. an official of the responsible state body)."""
    from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory

    user = UserFactory(**user_fields)
    MembershipFactory(user=user, role=role, organisation=organisation)
    return user
