"""Factories for registry records. Identifiers are generated with valid check digits."""

import random

import factory
from stdnum.ru import inn as ru_inn
from stdnum.ru import ogrn as ru_ogrn

from civicbridge.registry.choices import OrganisationKind
from civicbridge.registry.identifiers import bin_check_digit
from civicbridge.registry.models import Country, NetworkMembership, Organisation, Person, Position, Region, Theme, Unit


def make_bin(rng: random.Random | None = None) -> str:
    """A structurally valid Kazakh BIN with a correct check digit."""
    rng = rng or random.Random()
    while True:
        first11 = f"{rng.randint(0, 99):02d}{rng.randint(1, 12):02d}4{rng.randint(0, 1)}{rng.randint(0, 99999):05d}"
        check = bin_check_digit(first11)
        if check is not None:
            return first11 + str(check)


def make_inn(rng: random.Random | None = None) -> str:
    rng = rng or random.Random()
    first9 = f"{rng.randint(1, 99):02d}{rng.randint(0, 9999999):07d}"
    return first9 + ru_inn.calc_company_check_digit(first9)


def make_ogrn(rng: random.Random | None = None) -> str:
    rng = rng or random.Random()
    first12 = f"1{rng.randint(0, 99):02d}{rng.randint(0, 99):02d}{rng.randint(0, 9999999):07d}"
    return first12 + ru_ogrn.calc_check_digit(first12 + "0")  # the function ignores the last digit


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "KZ"
    name_ru = "Казахстан"
    name = "Казахстан"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "KZ-75"
    country = factory.SubFactory(CountryFactory)
    name_ru = "Алматы"
    name = "Алматы"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"theme-{n}")
    name_ru = factory.Sequence(lambda n: f"Тема {n}")
    name = factory.SelfAttribute("name_ru")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_ru = factory.Sequence(lambda n: f"Общественный фонд «Развитие {n}»")
    name = factory.SelfAttribute("name_ru")
    kind = OrganisationKind.NGO
    country = factory.SubFactory(CountryFactory)
    bin = factory.LazyFunction(make_bin)


class RussianOrganisationFactory(OrganisationFactory):
    name_ru = factory.Sequence(lambda n: f"АНО «Содействие {n}»")
    country = factory.SubFactory(CountryFactory, code="RU", name_ru="Россия", name="Россия")
    bin = ""
    inn = factory.LazyFunction(make_inn)
    ogrn = factory.LazyFunction(make_ogrn)


class NetworkFactory(OrganisationFactory):
    name_ru = factory.Sequence(lambda n: f"Объединение юридических лиц «Альянс {n}»")
    kind = OrganisationKind.NETWORK


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name_ru = factory.Sequence(lambda n: f"Комитет {n}")
    name = factory.SelfAttribute("name_ru")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name_ru = factory.Faker("name", locale="ru_RU")
    full_name = factory.SelfAttribute("full_name_ru")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "+7 700 000 00 00"


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title_ru = "председатель"
    title = factory.SelfAttribute("title_ru")


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    member = factory.SubFactory(OrganisationFactory)
