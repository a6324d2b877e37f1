"""Factories of the exchange. Statuses other than the initial one are reached through the services in tests."""

from __future__ import annotations

from datetime import date

import factory

from civicbridge.exchange import models as m
from civicbridge.exchange.choices import ListingKind
from civicbridge.registry.tests.factories import OrganisationFactory


class PracticeFactory(factory.django.DjangoModelFactory):
    """A draft practice of a Kazakh NGO, written in Russian."""

    class Meta:
        model = m.Practice

    organisation = factory.SubFactory(OrganisationFactory)
    original_language = "ru"
    title_ru = factory.Sequence(lambda n: f"Инклюзивный летний лагерь {n}")
    title = factory.SelfAttribute("title_ru")
    problem_ru = "Детям с инвалидностью негде отдохнуть вместе со сверстниками."
    solution_ru = "Смешанные смены лагеря с обученными вожатыми-волонтёрами."
    steps_ru = "Найти базу\nОбучить вожатых\nПровести смену"
    resources_ru = "База отдыха, 10 вожатых, пандусы."
    results_ru = "60 детей за лето, 90 % родителей довольны."
    country = factory.SelfAttribute("organisation.country")


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Adoption

    practice = factory.SubFactory(PracticeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    adopted_on = factory.LazyFunction(date.today)
    country = factory.SelfAttribute("organisation.country")


class ListingFactory(factory.django.DjangoModelFactory):
    """An open need; pass kind=ListingKind.OFFER for an offer."""

    class Meta:
        model = m.Listing

    organisation = factory.SubFactory(OrganisationFactory)
    kind = ListingKind.NEED
    title_ru = factory.Sequence(lambda n: f"Обучение фандрайзингу для сельского проекта {n}")
    title = factory.SelfAttribute("title_ru")
    description_ru = "Ищем наставника по сбору средств для инклюзивного проекта в селе."
    languages = factory.LazyFunction(lambda: ["ru"])


class PartnershipRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.PartnershipRequest

    from_organisation = factory.SubFactory(OrganisationFactory)
    to_organisation = factory.SubFactory(OrganisationFactory)
    message = "Давайте проведём совместную смену лагеря."
