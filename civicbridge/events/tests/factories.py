"""Factories of events. A draft event is made here; other statuses are reached through the services in tests."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from civicbridge.events import models as m
from civicbridge.events.choices import EventKind, EventStatus, QuestionKind
from civicbridge.registry.tests.factories import CountryFactory, OrganisationFactory


def in_days(days: float, hour: int = 10) -> datetime.datetime:
    moment = timezone.now() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    """A draft round table in Kazakhstan in ten days, in Russian."""

    class Meta:
        model = m.Event
        skip_postgeneration_save = True

    kind = EventKind.ROUND_TABLE
    status = EventStatus.DRAFT
    original_language = "ru"
    title_ru = factory.Sequence(lambda n: f"Круглый стол № {n}")
    title = factory.SelfAttribute("title_ru")
    summary_ru = "Обсуждение сотрудничества НКО."
    summary = factory.SelfAttribute("summary_ru")
    languages = factory.LazyFunction(lambda: ["ru"])
    country = factory.SubFactory(CountryFactory)
    address_ru = "Астана, пр. Мангилик Ел, 8"
    address = factory.SelfAttribute("address_ru")
    starts_at = factory.LazyFunction(lambda: in_days(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    capacity = None

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if not create:
            return
        for order, organisation in enumerate(extracted or [OrganisationFactory()]):
            m.EventOrganiser.objects.create(event=self, organisation=organisation, is_lead=order == 0, order=order)


class PublishedEventFactory(EventFactory):
    status = EventStatus.PUBLISHED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Session

    event = factory.SubFactory(EventFactory)
    title_ru = factory.Sequence(lambda n: f"Секция {n}")
    title = factory.SelfAttribute("title_ru")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.event.starts_at + datetime.timedelta(hours=1))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.RegistrationQuestion

    event = factory.SubFactory(EventFactory)
    text_ru = "Нужен ли вам перевод?"
    text = factory.SelfAttribute("text_ru")
    kind = QuestionKind.YES_NO
    required = True
