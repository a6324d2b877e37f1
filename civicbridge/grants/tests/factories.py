"""Factories for state-support records: a programme with an open call (bands, terms, rubric), applications, experts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, BudgetCategory, CallStatus, Currency
from civicbridge.registry.tests.factories import OrganisationFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Programme

    name_ru = factory.Sequence(lambda n: f"Государственные гранты для НПО {n}")
    name = factory.SelfAttribute("name_ru")
    funder = factory.SubFactory(OrganisationFactory, kind="state_body")
    currency = Currency.KZT
    budget = Decimal("1000000000.00")


class CallFactory(factory.django.DjangoModelFactory):
    """A published call open now (opened a week ago, closes in three weeks), with two bands, a term and a rubric."""

    class Meta:
        model = m.Call
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"call-{n}")
    name_ru = factory.Sequence(lambda n: f"Конкурс {n}")
    name = factory.SelfAttribute("name_ru")
    status = CallStatus.PUBLISHED
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=21))
    budget = Decimal("50000000.00")
    min_cofinancing_percent = Decimal("10.00")
    submission_languages = factory.LazyFunction(lambda: ["ru", "kk"])
    review_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=45))

    @factory.post_generation
    def setup(call, create, extracted, **kwargs):
        """Bands, a duration term and a 3-criterion rubric, unless `setup=False`."""
        if not create or extracted is False:
            return
        m.SizeBand.objects.create(
            call=call,
            name_ru="Малые",
            name="Малые",
            min_amount=Decimal("1000000"),
            max_amount=Decimal("5000000"),
            pass_mark=Decimal("60"),
        )
        m.SizeBand.objects.create(
            call=call,
            name_ru="Крупные",
            name="Крупные",
            min_amount=Decimal("5000000.01"),
            max_amount=Decimal("20000000"),
            pass_mark=Decimal("70"),
        )
        m.DurationTerm.objects.create(
            call=call, name_ru="Краткосрочный", name="Краткосрочный", min_months=3, max_months=12
        )
        for order, (name, weight) in enumerate([("Актуальность", "2"), ("Реалистичность", "1"), ("Бюджет", "1")], 1):
            m.Criterion.objects.create(
                call=call, order=order, name_ru=name, name=name, weight=Decimal(weight), scale_min=0, scale_max=10
            )


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft that would pass submission: 3,000,000 requested + 500,000 co-financing, six months."""

    class Meta:
        model = m.Application
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = ApplicationStatus.DRAFT
    language = "ru"
    title = factory.Sequence(lambda n: f"Инклюзивный летний лагерь {n}")
    summary = "Летний лагерь для детей с инвалидностью и их сверстников."
    problem = "Детям с инвалидностью в районе негде отдохнуть вместе со сверстниками."
    target_groups = "Дети 7–14 лет, их родители"
    goal = "Создать инклюзивную среду отдыха для 60 детей."
    starts_on = factory.LazyFunction(lambda: date.today() + timedelta(days=60))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=182))

    @factory.post_generation
    def parts(application, create, extracted, **kwargs):
        """A task, an activity, an indicator and two budget lines, unless `parts=False`."""
        if not create or extracted is False:
            return
        task = m.Task.objects.create(application=application, order=1, text="Провести две смены лагеря")
        m.Activity.objects.create(
            application=application,
            task=task,
            title="Смена 1",
            starts_on=application.starts_on,
            ends_on=application.starts_on + timedelta(days=14),
        )
        m.Indicator.objects.create(application=application, name="Дети, прошедшие смены", unit="чел.", target=60)
        m.BudgetLine.objects.create(
            application=application,
            category=BudgetCategory.STAFF,
            item="Вожатые",
            unit_cost=Decimal("250000"),
            quantity=Decimal("10"),
            requested=Decimal("2000000"),
            cofinancing=Decimal("500000"),
        )
        m.BudgetLine.objects.create(
            application=application,
            category=BudgetCategory.EVENTS,
            item="Аренда базы",
            unit_cost=Decimal("1000000"),
            quantity=Decimal("1"),
            requested=Decimal("1000000"),
            cofinancing=Decimal("0"),
        )


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    """An expert in the pool (user with the expert role), reading Russian and Kazakh."""

    class Meta:
        model = m.ExpertProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    languages = factory.LazyFunction(lambda: ["ru", "kk"])
    max_load = 20

    @factory.post_generation
    def role(profile, create, extracted, **kwargs):
        if create:
            MembershipFactory(user=profile.user, role=Role.EXPERT, organisation=None)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Review

    application = factory.SubFactory(ApplicationFactory)
    expert = factory.LazyAttribute(lambda o: ExpertProfileFactory().user)
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
