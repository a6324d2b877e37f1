"""Shared by the practice and adoption tests (no tests here): a cast of people around one organisation's practices.

Statuses other than draft are reached through the services, as the factories module asks.
"""

from __future__ import annotations

from datetime import date

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.exchange.models import Practice
from civicbridge.exchange.services import practices as services
from civicbridge.registry.tests.factories import (
    CountryFactory,
    OrganisationFactory,
    RegionFactory,
    RussianOrganisationFactory,
)

from .factories import PracticeFactory


def editor_of(organisation, role: str = Role.REPRESENTATIVE):
    user = UserFactory()
    MembershipFactory(user=user, role=role, organisation=organisation)
    return user


def new_moderator():
    user = UserFactory()
    MembershipFactory(user=user, role=Role.MODERATOR, organisation=None)
    return user


def publish(practice: Practice, *, author=None, moderator=None) -> Practice:
    """Take a draft through moderation to the library, as people do."""
    author = author or editor_of(practice.organisation)
    moderator = moderator or new_moderator()
    services.practice_submit(actor=author, practice=practice)
    return services.practice_publish(actor=moderator, practice=practice)


class Cast:
    """`org` (Kazakhstan, Almaty) publishes practices; `other` (Russia) adopts them.

    - `author` represents `org`, `adopter` represents `other`, `citizen` represents no one;
    - `moderator` holds the platform-wide moderator role; `admin` is a superuser;
    - `draft` is a draft of `org`; `published` a published one.
    """

    ROLES = ("anonymous", "citizen", "author", "adopter", "moderator", "admin")

    def __init__(self) -> None:
        self.kz = CountryFactory()
        self.almaty = RegionFactory()
        self.astana = RegionFactory(code="KZ-71", name_ru="Астана", name="Астана")
        self.ru = CountryFactory(code="RU", name_ru="Россия", name="Россия")
        self.omsk = RegionFactory(code="RU-OMS", country=self.ru, name_ru="Омская область", name="Омская область")
        self.org = OrganisationFactory(country=self.kz, region=self.almaty)
        self.other = RussianOrganisationFactory(country=self.ru)
        self.anonymous = None
        self.citizen = UserFactory()
        self.author = editor_of(self.org)
        self.adopter = editor_of(self.other)
        self.moderator = new_moderator()
        self.admin = UserFactory(is_staff=True, is_superuser=True)
        self.draft = PracticeFactory(organisation=self.org, region=self.almaty)
        self.published = publish(
            PracticeFactory(organisation=self.org, region=self.almaty), author=self.author, moderator=self.moderator
        )

    def user(self, role: str):
        return getattr(self, role)

    def adoption_args(self, **overrides):
        args = {
            "practice": self.published,
            "organisation": self.other,
            "adopted_on": date(2026, 5, 1),
            "country": self.ru,
            "region": self.omsk,
            "place": "Омск",
            "result": "40 детей за смену",
        }
        return {**args, **overrides}
