"""Concurrent writers of adoptions and practices, with real transactions on PostgreSQL (skipped on SQLite)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from civicbridge.core.tests.concurrency import CONCURRENT_WRITERS, run_at_once
from civicbridge.exchange.choices import PracticeStatus
from civicbridge.exchange.models import Adoption, Practice
from civicbridge.exchange.services import adoptions as adoption_services
from civicbridge.exchange.services import practices as services
from civicbridge.registry.tests.factories import CountryFactory, RussianOrganisationFactory

from .factories import PracticeFactory
from .test_practices_support import editor_of, new_moderator, publish

pytestmark = CONCURRENT_WRITERS


def test_two_people_recording_the_same_adoption_at_once_one_is_refused_in_words():
    practice = publish(PracticeFactory())
    adopter = RussianOrganisationFactory()
    people = [editor_of(adopter), editor_of(adopter)]
    russia = CountryFactory(code="RU")
    results, errors = run_at_once(
        [
            lambda user=user: adoption_services.adoption_record(
                actor=user, practice=practice, organisation=adopter, adopted_on=date(2026, 5, 1), country=russia
            )
            for user in people
        ]
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert Adoption.objects.filter(practice=practice).count() == 1


def test_two_tabs_saving_the_same_version_at_once_one_wins():
    practice = PracticeFactory()
    author = editor_of(practice.organisation)
    results, errors = run_at_once(
        [
            lambda text=text: services.practice_update(
                actor=author, practice=Practice.objects.get(pk=practice.pk), fields={"results": text}, version=1
            )
            for text in ("Вкладка 1", "Вкладка 2")
        ]
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError) and errors[0].code == "stale_version"
    practice.refresh_from_db()
    assert practice.version == 2 and practice.results_ru == results[0].results_ru


def test_two_moderators_deciding_at_once_one_decision_stands():
    practice = PracticeFactory()
    services.practice_submit(actor=editor_of(practice.organisation), practice=practice)
    first, second = new_moderator(), new_moderator()
    results, errors = run_at_once(
        [
            lambda: services.practice_publish(actor=first, practice=Practice.objects.get(pk=practice.pk)),
            lambda: services.practice_return(
                actor=second, practice=Practice.objects.get(pk=practice.pk), reason="Нужны цифры."
            ),
        ]
    )
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    practice.refresh_from_db()
    assert practice.status in (PracticeStatus.PUBLISHED, PracticeStatus.RETURNED)
    assert (practice.status == PracticeStatus.PUBLISHED) == (practice.published_at is not None)
