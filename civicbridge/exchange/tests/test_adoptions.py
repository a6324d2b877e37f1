"""Adoptions, the record of exchange: every rule of recording one, duplicates (also in a race), updates, deletes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from civicbridge.exchange.models import Adoption
from civicbridge.exchange.services import adoptions as services
from civicbridge.exchange.services.practices import practice_archive
from civicbridge.notifications.models import Notification
from civicbridge.registry.tests.factories import OrganisationFactory

from .test_practices_support import Cast, editor_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return Cast()


def test_records_an_adoption_across_the_border_and_tells_the_publisher(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        adoption = services.adoption_record(actor=cast.adopter, **cast.adoption_args(region="RU-OMS", country="RU"))
    adoption.refresh_from_db()
    assert (adoption.organisation, adoption.country_id, adoption.region_id) == (cast.other, "RU", "RU-OMS")
    assert adoption.created_by == cast.adopter and adoption.place == "Омск"
    notice = Notification.objects.get(recipient=cast.author, event="exchange.practice_adopted")
    assert cast.published.get_absolute_url() in notice.url
    assert not Notification.objects.filter(recipient=cast.adopter).exists()


def test_dates_as_text_are_read(cast):
    adoption = services.adoption_record(actor=cast.adopter, **cast.adoption_args(adopted_on="2026-04-30"))
    assert adoption.adopted_on == date(2026, 4, 30)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"adopted_on": "30.04.2026"}, "adopted_on"),
        ({"adopted_on": date.today() + timedelta(days=2)}, "adopted_on"),
        ({"region": "KZ-75"}, "region"),  # Almaty is not in Russia
        ({"country": "XX"}, "country"),
        ({"country": None}, "country"),
        ({"place": "д" * 301}, "place"),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_saved(cast, change, field):
    with pytest.raises(ValidationError) as refused:
        services.adoption_record(actor=cast.adopter, **cast.adoption_args(**change))
    assert field in refused.value.message_dict
    assert not Adoption.objects.exists()


def test_an_unpublished_practice_cannot_be_adopted(cast):
    with pytest.raises(ValidationError) as refused:
        services.adoption_record(actor=cast.adopter, **cast.adoption_args(practice=cast.draft))
    assert "practice" in refused.value.message_dict
    practice_archive(actor=cast.author, practice=cast.published)
    with pytest.raises(ValidationError):
        services.adoption_record(actor=cast.adopter, **cast.adoption_args())


def test_the_publisher_does_not_adopt_its_own_practice_in_its_own_region(cast):
    with pytest.raises(ValidationError) as refused:
        services.adoption_record(
            actor=cast.author, **cast.adoption_args(organisation=cast.org, country="KZ", region="KZ-75")
        )
    assert "organisation" in refused.value.message_dict
    # In another region it is exchange: the practice spread.
    services.adoption_record(
        actor=cast.author, **cast.adoption_args(organisation=cast.org, country="KZ", region="KZ-71")
    )


def test_a_duplicate_is_refused_in_the_users_language(cast):
    services.adoption_record(actor=cast.adopter, **cast.adoption_args())
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.adoption_record(actor=cast.adopter, **cast.adoption_args(adopted_on=date(2026, 6, 1)))
    assert "has already recorded adopting this practice in" in " ".join(refused.value.messages)
    assert Adoption.objects.count() == 1


def test_a_duplicate_without_a_region_is_refused_too(cast):
    services.adoption_record(actor=cast.adopter, **cast.adoption_args(region=None))
    with pytest.raises(ValidationError):
        services.adoption_record(actor=cast.adopter, **cast.adoption_args(region=None))
    services.adoption_record(actor=cast.adopter, **cast.adoption_args())  # a region of the same country is another
    assert Adoption.objects.count() == 2


def test_a_race_the_check_missed_is_refused_by_the_database_in_words(cast):
    """Two people record the same adoption at once: both pass the check, the unique constraint refuses the second.

    Simulated by inserting the twin inside the service's own transaction, just before it saves, with the check
    skipped — what a concurrent writer would have committed in between."""
    first = services.adoption_record(actor=cast.adopter, **cast.adoption_args())
    twin = Adoption(
        practice=first.practice,
        organisation=first.organisation,
        adopted_on=first.adopted_on,
        country=first.country,
        region=first.region,
    )
    errors: dict = {}
    with translation.override("en"), pytest.raises(ValidationError) as refused, transaction.atomic():
        services._save(twin, errors)
    assert "has already recorded adopting" in " ".join(refused.value.message_dict["__all__"])
    assert Adoption.objects.count() == 1


def test_the_database_holds_the_rule_too(cast):
    services.adoption_record(actor=cast.adopter, **cast.adoption_args(region=None))
    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.create(
            practice=cast.published, organisation=cast.other, adopted_on=date(2026, 1, 1), country=cast.ru
        )


def test_only_for_an_organisation_one_edits(cast):
    for actor in (cast.author, cast.citizen, cast.moderator):
        with pytest.raises(PermissionDenied):
            services.adoption_record(actor=actor, **cast.adoption_args())
    assert not Adoption.objects.exists()


def test_update_follows_the_same_rules(cast):
    adoption = services.adoption_record(actor=cast.adopter, **cast.adoption_args())
    services.adoption_update(actor=cast.adopter, adoption=adoption, result="60 детей", place="")
    adoption.refresh_from_db()
    assert adoption.result == "60 детей" and adoption.place == ""
    with pytest.raises(ValidationError):
        services.adoption_update(actor=cast.adopter, adoption=adoption, region="KZ-75")
    other = services.adoption_record(actor=cast.adopter, **cast.adoption_args(region=None))
    with pytest.raises(ValidationError):
        services.adoption_update(actor=cast.adopter, adoption=other, region="RU-OMS")  # would duplicate the first
    with pytest.raises(PermissionDenied):
        services.adoption_update(actor=cast.author, adoption=adoption, result="чужое")
    assert Adoption.objects.get(pk=adoption.pk).region_id == "RU-OMS"


def test_delete_by_its_editors_or_a_moderator_only(cast):
    adoption = services.adoption_record(actor=cast.adopter, **cast.adoption_args())
    for actor in (cast.author, cast.citizen, editor_of(OrganisationFactory())):
        with pytest.raises(PermissionDenied):
            services.adoption_delete(actor=actor, adoption=adoption)
    services.adoption_delete(actor=cast.moderator, adoption=adoption)
    assert not Adoption.objects.exists()
