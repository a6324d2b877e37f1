"""The grants schema: factories build valid records, and the database refuses what must never be stored."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from civicbridge.grants import models as m
from civicbridge.grants.choices import Outcome

from .factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db


def test_factories_build_an_open_call_with_bands_terms_and_rubric():
    call = CallFactory()
    assert call.is_open()
    assert [b.name for b in call.bands.all()] == ["Малые", "Крупные"]
    assert call.criteria.count() == 3
    application = ApplicationFactory(call=call)
    assert application.budget_lines.count() == 2


def test_two_decisions_on_one_application_are_refused_by_the_database():
    application = ApplicationFactory()
    m.Decision.objects.create(
        application=application,
        outcome=Outcome.REJECT,
        reason="Слабое обоснование",
        protocol_number="1",
        decided_on="2026-12-01",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Decision.objects.create(
            application=application,
            outcome=Outcome.AWARD,
            amount=Decimal(1),
            reason="x",
            protocol_number="2",
            decided_on="2026-12-02",
        )


def test_an_award_without_an_amount_is_refused_by_the_database():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Decision.objects.create(
            application=application, outcome=Outcome.AWARD, reason="x", protocol_number="1", decided_on="2026-12-01"
        )


def test_a_submitted_application_without_a_receipt_is_refused_by_the_database():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Application.objects.filter(pk=application.pk).update(status="submitted")
