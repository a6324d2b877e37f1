"""Committee decisions: one row plus one transition, the award's limits, one decision per application, publishing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.tests.concurrency import run_at_once
from civicbridge.core.workflow import history_for
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, CallStatus, Outcome
from civicbridge.grants.services import decisions

from .factories import ApplicationFactory, CallFactory, ProgrammeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


TODAY = datetime.date(2026, 11, 20)


def make_call(funder, **kwargs) -> m.Call:
    """A call of `funder` whose intake has closed and whose review is under way."""
    now = timezone.now()
    defaults = {
        "status": CallStatus.IN_REVIEW,
        "opens_at": now - datetime.timedelta(days=60),
        "closes_at": now - datetime.timedelta(days=30),
    }
    return CallFactory(programme=ProgrammeFactory(funder=funder), **{**defaults, **kwargs})


def make_application(call, *, status=ApplicationStatus.REVIEWED, score="75.50", requested="3000000", **kwargs):
    """A submitted application of `call` in `status` (created there, as demo data and imports may)."""
    fields = {
        "receipt_number": f"{call.code.upper()}-{m.Application.objects.count() + 1:05d}",
        "submitted_at": call.closes_at - datetime.timedelta(days=1),
        "requested_amount": Decimal(requested),
        "cofinancing_amount": Decimal("500000"),
        "band": call.bands.order_by("min_amount").first(),
        "score": Decimal(score) if score is not None else None,
    }
    return ApplicationFactory(call=call, status=status, **{**fields, **kwargs})


def applicant_of(application) -> object:
    user = UserFactory()
    MembershipFactory(user=user, role=Role.REPRESENTATIVE, organisation=application.organisation)
    return user


def record(actor, application, outcome=Outcome.AWARD, amount="default", **kwargs):
    if amount == "default":
        amount = "2500000" if outcome == Outcome.AWARD else None
    fields = {
        "reason": "Высокий балл экспертизы",
        "protocol_number": "7-ГК",
        "decided_on": timezone.localdate(),
        "amount": amount,
    }
    return decisions.decision_record(actor=actor, application=application, outcome=outcome, **{**fields, **kwargs})


@pytest.fixture
def call(other_org):
    return make_call(other_org)


@pytest.fixture
def application(call):
    return make_application(call)


class TestRecording:
    def test_an_award_is_one_row_and_one_transition_and_tells_the_applicant(
        self, operator, application, django_capture_on_commit_callbacks
    ):
        applicant = applicant_of(application)
        with django_capture_on_commit_callbacks(execute=True):
            decision = record(operator, application, amount="2500000.00")
        decision.refresh_from_db()
        application.refresh_from_db()
        assert application.status == ApplicationStatus.AWARDED
        assert (decision.outcome, decision.amount, decision.protocol_number) == (
            Outcome.AWARD,
            Decimal("2500000.00"),
            "7-ГК",
        )
        assert decision.decided_by == operator
        [step] = history_for(application)
        assert (step.action, step.source, step.target, step.reason) == (
            "award",
            "reviewed",
            "awarded",
            "Высокий балл экспертизы",
        )
        assert [message.to for message in mail.outbox] == [[applicant.email]]
        assert application.receipt_number in mail.outbox[0].subject

    @pytest.mark.parametrize("outcome", [Outcome.REJECT, Outcome.WAITLIST])
    def test_reject_and_waitlist_have_no_amount(self, operator, application, outcome):
        decision = record(operator, application, outcome=outcome)
        application.refresh_from_db()
        assert decision.amount is None
        assert application.status == {"reject": "rejected", "waitlist": "waitlisted"}[outcome]

    def test_the_amount_may_equal_the_request_but_not_exceed_it(self, operator, call):
        exact = make_application(call, requested="3000000")
        record(operator, exact, amount="3000000")
        over = make_application(call, requested="3000000")
        with pytest.raises(ValidationError) as exc:
            record(operator, over, amount="3000000.01")
        assert "cannot exceed the amount requested" in exc.value.message_dict["amount"][0]
        over.refresh_from_db()
        assert over.status == ApplicationStatus.REVIEWED
        assert not m.Decision.objects.filter(application=over).exists()

    @pytest.mark.parametrize(
        ("amount", "message"),
        [
            (None, "Enter the amount awarded."),
            ("0", "more than zero"),
            ("-5", "more than zero"),
            ("10.005", "two decimal places"),
            ("много", "as a number"),
            ("NaN", "as a number"),
        ],
    )
    def test_a_bad_award_amount_is_refused_with_the_reason(self, operator, application, amount, message):
        with pytest.raises(ValidationError) as exc:
            record(operator, application, amount=amount)
        assert message in " ".join(exc.value.message_dict["amount"])

    def test_a_rejection_with_an_amount_is_refused(self, operator, application):
        with pytest.raises(ValidationError) as exc:
            record(operator, application, outcome=Outcome.REJECT, amount="100")
        assert "Only an award has an amount" in exc.value.message_dict["amount"][0]

    def test_every_missing_field_is_named_at_once(self, operator, application):
        with pytest.raises(ValidationError) as exc:
            record(operator, application, reason="  ", protocol_number="", decided_on=None)
        assert set(exc.value.message_dict) == {"reason", "protocol_number", "decided_on"}

    def test_a_protocol_dated_in_the_future_is_refused(self, operator, application):
        with pytest.raises(ValidationError) as exc:
            record(operator, application, decided_on=timezone.localdate() + datetime.timedelta(days=1))
        assert "future" in exc.value.message_dict["decided_on"][0]

    def test_awards_never_exceed_the_call_budget(self, operator, other_org):
        call = make_call(other_org, budget=Decimal("5000000"))
        first, second = make_application(call), make_application(call)
        record(operator, first, amount="3000000")
        with pytest.raises(ValidationError) as exc:
            record(operator, second, amount="2000000.01")
        assert "budget has 2" in exc.value.message_dict["amount"][0]
        record(operator, second, amount="2000000")
        assert decisions.committed_amount(call) == Decimal("5000000")

    @pytest.mark.parametrize("status", [ApplicationStatus.IN_REVIEW, ApplicationStatus.ELIGIBLE])
    def test_an_application_not_yet_reviewed_cannot_be_decided(self, operator, call, status):
        application = make_application(call, status=status)
        with pytest.raises(ValidationError) as exc:
            record(operator, application)
        assert exc.value.code == "not_decidable"
        assert not m.Decision.objects.exists()

    def test_a_cancelled_call_takes_no_decisions(self, operator, other_org):
        application = make_application(make_call(other_org, status=CallStatus.CANCELLED))
        with pytest.raises(ValidationError) as exc:
            record(operator, application)
        assert exc.value.code == "call_cancelled"


class TestOneDecision:
    def test_a_second_decision_is_refused_with_the_first_ones_protocol(self, operator, application):
        record(operator, application, outcome=Outcome.REJECT, protocol_number="12")
        with pytest.raises(ValidationError) as exc:
            record(operator, application, outcome=Outcome.AWARD)
        assert exc.value.code == "already_decided"
        assert "protocol № 12" in exc.value.messages[0]
        assert m.Decision.objects.get().outcome == Outcome.REJECT

    def test_a_row_stored_behind_the_services_back_is_still_reported_clearly(self, operator, application):
        m.Decision.objects.create(
            application=application, outcome=Outcome.REJECT, reason="x", protocol_number="3", decided_on=TODAY
        )
        with pytest.raises(ValidationError) as exc:
            record(operator, application)
        assert exc.value.code == "already_decided"

    def test_a_waitlisted_application_can_be_awarded_later_and_the_row_is_updated(
        self, operator, application, django_capture_on_commit_callbacks
    ):
        waitlisted = record(operator, application, outcome=Outcome.WAITLIST, protocol_number="1")
        applicant = applicant_of(application)
        with django_capture_on_commit_callbacks(execute=True):
            awarded = record(operator, application, amount="1000000", protocol_number="2")
        assert awarded.pk == waitlisted.pk
        awarded.refresh_from_db()
        assert (awarded.outcome, awarded.amount, awarded.protocol_number) == (Outcome.AWARD, Decimal(1000000), "2")
        assert [h.action for h in history_for(application)] == ["waitlist", "award"]
        assert [message.to for message in mail.outbox] == [[applicant.email]]

    def test_a_waitlisted_application_cannot_be_waitlisted_again(self, operator, application):
        record(operator, application, outcome=Outcome.WAITLIST)
        with pytest.raises(ValidationError) as exc:
            record(operator, application, outcome=Outcome.WAITLIST)
        assert exc.value.code == "already_decided"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_committee_members_deciding_at_once_store_one_decision(other_org):
    call = make_call(other_org)
    application = make_application(call)
    first = UserFactory()
    MembershipFactory(user=first, role=Role.OPERATOR, organisation=other_org)
    second = UserFactory()
    MembershipFactory(user=second, role=Role.OFFICIAL, organisation=other_org)
    results, errors = run_at_once(
        [
            lambda user=user, outcome=outcome: record(
                user, m.Application.objects.get(pk=application.pk), outcome=outcome
            )
            for user, outcome in ((first, Outcome.AWARD), (second, Outcome.REJECT))
        ]
    )
    assert len(results) == 1 and [getattr(exc, "code", exc) for exc in errors] == ["already_decided"]
    assert m.Decision.objects.filter(application=application).count() == 1
    assert len(history_for(application)) == 1


class TestPermissions:
    def test_only_runners_of_the_programme_decide(self, application, representative, citizen):
        outsider = UserFactory()
        MembershipFactory(user=outsider, role=Role.OPERATOR, organisation=application.organisation)
        for user in (representative, citizen, outsider, applicant_of(application)):
            with pytest.raises(PermissionDenied):
                record(user, application)
        assert not m.Decision.objects.exists()

    def test_an_administrator_may_decide(self, admin_user, application):
        assert record(admin_user, application).outcome == Outcome.AWARD


class TestPublishing:
    def test_results_are_published_once_every_application_is_decided(self, operator, call):
        decided, pending = make_application(call), make_application(call)
        make_application(call, status=ApplicationStatus.INELIGIBLE)
        make_application(call, status=ApplicationStatus.WITHDRAWN)
        record(operator, decided)
        with pytest.raises(ValidationError) as exc:
            decisions.call_publish_results(actor=operator, call=call)
        assert "1 application has no decision yet" in exc.value.messages[0]
        record(operator, pending, outcome=Outcome.WAITLIST)
        decisions.call_publish_results(actor=operator, call=call)
        call.refresh_from_db()
        assert call.status == CallStatus.RESULTS_PUBLISHED
        assert call.results_published_at is not None
        assert [h.action for h in history_for(call)] == ["publish_results"]

    def test_results_of_a_call_still_open_cannot_be_published(self, operator, other_org):
        call = make_call(other_org, status=CallStatus.PUBLISHED)
        with pytest.raises(ValidationError) as exc:
            decisions.call_publish_results(actor=operator, call=call)
        assert exc.value.code == "invalid_transition"

    def test_only_runners_publish(self, call, representative):
        with pytest.raises(PermissionDenied):
            decisions.call_publish_results(actor=representative, call=call)
