"""After the award: agreements with instalments, milestone reports and their review, reminders, closing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civicbridge.core.workflow import history_for
from civicbridge.grants import models as m
from civicbridge.grants.choices import AgreementStatus, Outcome, ReportKind, ReportStatus
from civicbridge.grants.selectors import dashboard
from civicbridge.grants.services import agreements

from .test_decisions import applicant_of, make_application, make_call, record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


START = datetime.date(2027, 3, 1)
END = datetime.date(2027, 8, 31)


@pytest.fixture
def awarded(operator, other_org):
    application = make_application(make_call(other_org))
    record(operator, application, amount="2400000")
    application.refresh_from_db()
    return application


def create(actor, application, **kwargs):
    fields = {
        "number": "ГС-2027/001",
        "signed_on": START - datetime.timedelta(days=10),
        "starts_on": START,
        "ends_on": END,
        "instalments": [
            {"due_on": START, "amount": Decimal("1600000")},
            {"due_on": datetime.date(2027, 6, 1), "amount": "800000.00"},
        ],
    }
    return agreements.agreement_create(actor=actor, application=application, **{**fields, **kwargs})


@pytest.fixture
def agreement(operator, awarded):
    return create(operator, awarded)


class TestAgreement:
    def test_an_agreement_takes_the_awarded_amount_with_instalments_and_default_reports(self, agreement, awarded):
        assert agreement.amount == Decimal("2400000")
        assert agreement.status == AgreementStatus.ACTIVE
        assert [(i.order, i.amount) for i in agreement.instalments.all()] == [
            (1, Decimal("1600000")),
            (2, Decimal("800000")),
        ]
        reports = list(agreement.reports.order_by("due_on", "kind"))
        assert [(r.kind, r.status) for r in reports] == [
            (ReportKind.FINANCIAL, ReportStatus.DUE),
            (ReportKind.NARRATIVE, ReportStatus.DUE),
            (ReportKind.FINANCIAL, ReportStatus.DUE),
            (ReportKind.NARRATIVE, ReportStatus.DUE),
        ]
        assert reports[-1].due_on == END + datetime.timedelta(days=30)

    def test_instalments_must_add_up_to_the_amount(self, operator, awarded):
        with pytest.raises(ValidationError) as exc:
            create(operator, awarded, instalments=[{"due_on": START, "amount": "2399999.99"}])
        assert "add up to 2" in exc.value.message_dict["instalments"][0]
        assert not m.Agreement.objects.exists()

    @pytest.mark.parametrize(
        "rows",
        [[], [{"due_on": START, "amount": "0"}], [{"due_on": None, "amount": "2400000"}], [{"amount": "x"}]],
    )
    def test_bad_instalments_are_refused(self, operator, awarded, rows):
        with pytest.raises(ValidationError) as exc:
            create(operator, awarded, instalments=rows)
        assert "instalments" in exc.value.message_dict

    def test_an_instalment_after_the_end_and_dates_out_of_order_are_refused(self, operator, awarded):
        with pytest.raises(ValidationError) as exc:
            create(operator, awarded, ends_on=START - datetime.timedelta(days=1))
        assert "end before it starts" in exc.value.message_dict["ends_on"][0]
        with pytest.raises(ValidationError) as exc:
            create(operator, awarded, instalments=[{"due_on": END + datetime.timedelta(days=1), "amount": "2400000"}])
        assert "after the project ends" in exc.value.message_dict["instalments"][0]

    def test_explicit_milestones(self, operator, awarded):
        agreement = create(
            operator,
            awarded,
            milestones=[{"kind": ReportKind.NARRATIVE, "title": "Итоговый отчёт", "due_on": END}],
        )
        assert [r.title for r in agreement.reports.all()] == ["Итоговый отчёт"]
        with pytest.raises(ValidationError):
            create(operator, make_awarded(operator, awarded.call), number="2", milestones=[{"kind": "x"}])

    def test_only_an_awarded_application_gets_one_agreement(self, operator, agreement, awarded):
        with pytest.raises(ValidationError) as exc:
            create(operator, awarded, number="ГС-2027/002")
        assert exc.value.code == "agreement_exists"
        rejected = make_application(awarded.call)
        record(operator, rejected, outcome=Outcome.REJECT)
        with pytest.raises(ValidationError) as exc:
            create(operator, rejected, number="ГС-2027/003")
        assert exc.value.code == "not_awarded"

    def test_agreement_numbers_are_unique(self, operator, agreement, awarded):
        other = make_awarded(operator, awarded.call)
        with pytest.raises(ValidationError) as exc:
            create(operator, other)
        assert "already exists" in exc.value.message_dict["number"][0]

    def test_only_runners_make_agreements(self, awarded, representative):
        with pytest.raises(PermissionDenied):
            create(applicant_of(awarded), awarded)

    def test_an_instalment_is_marked_paid(self, operator, agreement):
        instalment = agreement.instalments.first()
        agreements.instalment_mark_paid(actor=operator, instalment=instalment, paid_on=timezone.localdate())
        instalment.refresh_from_db()
        assert instalment.paid_on == timezone.localdate()
        with pytest.raises(ValidationError):
            agreements.instalment_mark_paid(
                actor=operator, instalment=instalment, paid_on=timezone.localdate() + datetime.timedelta(days=1)
            )


def make_awarded(operator, call):
    application = make_application(call)
    record(operator, application, amount="2400000")
    application.refresh_from_db()
    return application


def narrative(agreement) -> m.Report:
    return agreement.reports.filter(kind=ReportKind.NARRATIVE).order_by("due_on").first()


def financial(agreement) -> m.Report:
    return agreement.reports.filter(kind=ReportKind.FINANCIAL).order_by("due_on").first()


class TestReports:
    def test_a_narrative_report_records_actuals_against_targets(self, agreement, awarded):
        applicant = applicant_of(awarded)
        report = narrative(agreement)
        indicator = awarded.indicators.get()
        agreements.report_save(
            actor=applicant,
            report=report,
            narrative="Проведена первая смена.",
            actuals={indicator.pk: {"value": "30", "comment": "половина"}},
        )
        rows = dashboard.report_rows(report)["indicator_rows"]
        assert [(r.indicator.target, r.actual.value, r.percent) for r in rows] == [(Decimal(60), Decimal(30), 50)]
        # Saving again changes the row in place; an empty value removes it.
        agreements.report_save(actor=applicant, report=report, narrative="x", actuals={indicator.pk: {"value": ""}})
        assert not report.actuals.exists()

    def test_a_financial_report_records_spending_against_the_plan(self, agreement, awarded):
        applicant = applicant_of(awarded)
        report = financial(agreement)
        lines = list(awarded.budget_lines.all())
        agreements.report_save(
            actor=applicant,
            report=report,
            narrative="Расходы за период",
            spending={lines[0].pk: {"spent": "2100000"}, lines[1].pk: {"spent": "0"}},
        )
        rows = dashboard.report_rows(report)
        assert rows["total_planned"] == Decimal("3000000")
        assert rows["total_spent"] == Decimal("2100000")
        assert [r.difference for r in rows["spending_rows"]] == [Decimal("100000"), Decimal("-1000000")]

    def test_lines_of_another_application_and_bad_values_are_refused(self, agreement, awarded, operator):
        applicant = applicant_of(awarded)
        foreign = make_application(awarded.call).indicators.get()
        report = narrative(agreement)
        with pytest.raises(ValidationError) as exc:
            agreements.report_save(actor=applicant, report=report, actuals={foreign.pk: {"value": "1"}})
        assert "not part of the application" in exc.value.message_dict["actuals"][0]
        with pytest.raises(ValidationError) as exc:
            agreements.report_save(
                actor=applicant, report=report, actuals={awarded.indicators.get().pk: {"value": "-1"}}
            )
        assert "zero or more" in exc.value.message_dict["actuals"][0]
        with pytest.raises(ValidationError):
            agreements.report_save(actor=applicant, report=report, spending={1: {"spent": "1"}})

    def test_an_incomplete_report_cannot_be_submitted(self, agreement, awarded):
        applicant = applicant_of(awarded)
        report = financial(agreement)
        agreements.report_save(
            actor=applicant, report=report, spending={awarded.budget_lines.first().pk: {"spent": "10"}}
        )
        with pytest.raises(ValidationError) as exc:
            agreements.report_submit(actor=applicant, report=report)
        assert exc.value.messages == [
            "Describe what was done in the period.",
            "Give the spending on 1 more budget line (zero if nothing was spent).",
        ]

    def test_submit_return_resubmit_accept_with_notifications(
        self, agreement, awarded, operator, django_capture_on_commit_callbacks
    ):
        applicant = applicant_of(awarded)
        report = narrative(agreement)
        indicator = awarded.indicators.get()
        agreements.report_save(
            actor=applicant, report=report, narrative="Сделано", actuals={indicator.pk: {"value": 60}}
        )
        agreements.report_submit(actor=applicant, report=report)
        assert report.status == ReportStatus.SUBMITTED and report.submitted_at is not None
        with pytest.raises(ValidationError) as exc:
            agreements.report_save(actor=applicant, report=report, narrative="поздно")
        assert exc.value.code == "report_locked"
        with pytest.raises(ValidationError) as exc:
            agreements.report_review(actor=operator, report=report, verdict="return", comment=" ")
        assert "comment" in exc.value.message_dict
        with django_capture_on_commit_callbacks(execute=True):
            agreements.report_review(actor=operator, report=report, verdict="return", comment="Добавьте фото")
        report.refresh_from_db()
        assert (report.status, report.review_comment) == (ReportStatus.RETURNED, "Добавьте фото")
        assert [message.to for message in mail.outbox] == [[applicant.email]]
        assert "Добавьте фото" in mail.outbox[0].body
        agreements.report_save(actor=applicant, report=report, narrative="Сделано, фото приложены")
        agreements.report_submit(actor=applicant, report=report)
        with django_capture_on_commit_callbacks(execute=True):
            agreements.report_review(actor=operator, report=report, verdict="accept")
        report.refresh_from_db()
        assert report.status == ReportStatus.ACCEPTED
        assert [h.action for h in history_for(report)] == ["submit", "return", "submit", "accept"]
        assert len(mail.outbox) == 2

    def test_only_the_applicant_reports_and_only_the_runner_reviews(self, agreement, awarded, operator, citizen):
        report = narrative(agreement)
        for user in (operator, citizen):
            with pytest.raises(PermissionDenied):
                agreements.report_save(actor=user, report=report, narrative="x")
        with pytest.raises(PermissionDenied):
            agreements.report_review(actor=applicant_of(awarded), report=report, verdict="accept")

    def test_a_report_that_is_not_submitted_cannot_be_reviewed(self, agreement, operator):
        with pytest.raises(ValidationError) as exc:
            agreements.report_review(actor=operator, report=narrative(agreement), verdict="accept")
        assert exc.value.code == "invalid_transition"


class TestOverdueAndReminders:
    def test_overdue_is_due_or_returned_past_its_date(self, agreement):
        report = narrative(agreement)
        assert not dashboard.is_overdue(report, today=report.due_on)
        assert dashboard.is_overdue(report, today=report.due_on + datetime.timedelta(days=1))
        later = report.due_on + datetime.timedelta(days=1)
        assert m.Report.objects.filter(dashboard.overdue_q(today=later)).count() == 2  # interim narrative + financial

    def test_a_terminated_project_owes_no_more_reports(self, agreement, operator):
        report = narrative(agreement)
        later = report.due_on + datetime.timedelta(days=1)
        agreements.agreement_terminate(actor=operator, agreement=agreement, reason="The NGO stopped its work.")
        report.refresh_from_db()
        assert not dashboard.is_overdue(report, today=later)
        assert not m.Report.objects.filter(dashboard.overdue_q(today=later)).exists()

    def test_reminders_go_a_week_and_a_day_before(self, agreement, awarded, django_capture_on_commit_callbacks):
        applicant = applicant_of(awarded)
        due = narrative(agreement).due_on
        with django_capture_on_commit_callbacks(execute=True):
            assert agreements.send_report_reminders(due - datetime.timedelta(days=7)) == 2
        assert {tuple(message.to) for message in mail.outbox} == {(applicant.email,)}
        assert len(mail.outbox) == 2
        with django_capture_on_commit_callbacks(execute=True):
            assert agreements.send_report_reminders(due - datetime.timedelta(days=3)) == 0
            assert agreements.send_report_reminders(due - datetime.timedelta(days=1)) == 2
        assert len(mail.outbox) == 4

    def test_submitted_reports_are_not_reminded(self, agreement, awarded):
        applicant = applicant_of(awarded)
        report = narrative(agreement)
        agreements.report_save(
            actor=applicant, report=report, narrative="x", actuals={awarded.indicators.get().pk: {"value": 1}}
        )
        agreements.report_submit(actor=applicant, report=report)
        assert agreements.send_report_reminders(report.due_on - datetime.timedelta(days=7)) == 1


class TestClosing:
    def _settle_reports(self, agreement, awarded, operator):
        applicant = applicant_of(awarded)
        for report in agreement.reports.all():
            if report.kind == ReportKind.NARRATIVE:
                agreements.report_save(
                    actor=applicant, report=report, narrative="x", actuals={awarded.indicators.get().pk: {"value": 60}}
                )
            else:
                agreements.report_save(
                    actor=applicant,
                    report=report,
                    narrative="x",
                    spending={line.pk: {"spent": line.requested} for line in awarded.budget_lines.all()},
                )
            agreements.report_submit(actor=applicant, report=report)
            agreements.report_review(actor=operator, report=report, verdict="accept")

    def test_a_project_is_closed_with_a_rating_once_its_reports_are_settled(self, agreement, awarded, operator):
        with pytest.raises(ValidationError) as exc:
            agreements.agreement_close(actor=operator, agreement=agreement, rating="successful")
        assert "4 reports are not yet accepted" in exc.value.messages[0]
        self._settle_reports(agreement, awarded, operator)
        with pytest.raises(ValidationError):
            agreements.agreement_close(actor=operator, agreement=agreement, rating="excellent")
        agreements.agreement_close(actor=operator, agreement=agreement, rating="successful", note="Цели достигнуты")
        agreement.refresh_from_db()
        assert (agreement.status, agreement.rating, agreement.closing_note) == (
            "closed",
            "successful",
            "Цели достигнуты",
        )
        assert [h.action for h in history_for(agreement)] == ["close"]

    def test_termination_needs_a_reason_and_rates_the_project(self, agreement, operator):
        with pytest.raises(ValidationError):
            agreements.agreement_terminate(actor=operator, agreement=agreement, reason="")
        agreements.agreement_terminate(actor=operator, agreement=agreement, reason="Нецелевое использование")
        agreement.refresh_from_db()
        assert (agreement.status, agreement.rating) == ("terminated", "unsuccessful")
        with pytest.raises(ValidationError):
            agreements.agreement_close(actor=operator, agreement=agreement, rating="successful")

    def test_only_runners_close(self, agreement, awarded):
        with pytest.raises(PermissionDenied):
            agreements.agreement_close(actor=applicant_of(awarded), agreement=agreement, rating="successful")


def test_default_milestones_fall_mid_term_and_a_month_after_the_end():
    rows = agreements.default_milestones(datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))
    assert [(r["kind"], r["due_on"]) for r in rows] == [
        ("narrative", datetime.date(2027, 7, 2)),
        ("financial", datetime.date(2027, 7, 2)),
        ("narrative", datetime.date(2028, 1, 30)),
        ("financial", datetime.date(2028, 1, 30)),
    ]
