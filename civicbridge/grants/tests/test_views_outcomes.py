"""Outcome pages: decisions, public results and open data, the dashboard, agreements and reports."""

from __future__ import annotations

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory
from civicbridge.files.selectors import files_for
from civicbridge.files.tests.samples import EXE, PDF, upload
from civicbridge.grants import models as m
from civicbridge.grants.choices import CallStatus, Outcome, ReportKind, ReportStatus
from civicbridge.grants.selectors.results import OPEN_DATA_FIELDS
from civicbridge.grants.services import agreements, decisions

from .test_decisions import applicant_of, make_application, make_call, record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def body(response) -> str:
    return response.content.decode()


@pytest.fixture
def call(other_org):
    return make_call(other_org)


@pytest.fixture
def application(call):
    return make_application(call)


def published_call(operator, funder, winners: int = 2) -> m.Call:
    call = make_call(funder)
    for i in range(winners):
        record(operator, make_application(call, title=f"Проект {i}"), amount="1000000")
    decisions.call_publish_results(actor=operator, call=call)
    call.refresh_from_db()
    return call


def make_agreement(operator, call) -> m.Agreement:
    application = make_application(call)
    record(operator, application, amount="2400000")
    application.refresh_from_db()
    start = timezone.localdate()
    return agreements.agreement_create(
        actor=operator,
        application=application,
        number=f"AG-{application.pk}",
        signed_on=start,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=180),
        instalments=[{"due_on": start, "amount": "2400000"}],
    )


class TestDecisionPage:
    def test_the_runner_sees_the_application_and_the_form(self, client, operator, application):
        client.force_login(operator)
        response = client.get(reverse("grants:decision-record", args=[application.pk]))
        assert response.status_code == 200
        html = body(response)
        assert application.title in html and 'name="outcome"' in html and 'value="award"' in html

    def test_others_may_not_decide(self, client, representative, application):
        url = reverse("grants:decision-record", args=[application.pk])
        assert client.get(url).status_code == 302  # to the sign-in page
        client.force_login(representative)
        assert client.get(url).status_code == 403
        client.force_login(applicant_of(application))
        assert client.post(url, {"outcome": "award"}).status_code == 403
        assert not m.Decision.objects.exists()

    def test_recording_an_award(self, client, operator, application):
        client.force_login(operator)
        response = client.post(
            reverse("grants:decision-record", args=[application.pk]),
            {
                "outcome": "award",
                "amount": "2000000",
                "reason": "Высокий балл",
                "protocol_number": "3",
                "decided_on": timezone.localdate().isoformat(),
            },
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("grants:call-dashboard", args=[application.call.code])
        assert m.Decision.objects.get().amount == Decimal(2000000)

    def test_a_refusal_is_shown_on_the_form(self, client, operator, application):
        client.force_login(operator)
        response = client.post(
            reverse("grants:decision-record", args=[application.pk]),
            {
                "outcome": "award",
                "amount": "9999999",
                "reason": "x",
                "protocol_number": "3",
                "decided_on": timezone.localdate().isoformat(),
            },
        )
        assert response.status_code == 200
        assert "govuk-error-summary" in body(response)
        assert "cannot exceed the amount requested" in body(response)

    def test_a_waitlisted_application_offers_award_or_reject_only(self, client, operator, application):
        record(operator, application, outcome=Outcome.WAITLIST)
        client.force_login(operator)
        html = body(client.get(reverse("grants:decision-record", args=[application.pk])))
        assert 'value="award"' in html and 'value="reject"' in html and 'value="waitlist"' not in html

    def test_a_decided_application_shows_its_decision_and_no_form(self, client, operator, application):
        record(operator, application, outcome=Outcome.REJECT, protocol_number="77")
        client.force_login(operator)
        html = body(client.get(reverse("grants:decision-record", args=[application.pk])))
        assert "77" in html and 'name="outcome"' not in html


class TestPublicResults:
    def test_anyone_sees_the_winners_of_published_calls(self, client, operator, other_org):
        call = published_call(operator, other_org)
        record(operator, make_application(make_call(other_org), title="Секретный"), amount="1")
        response = client.get(reverse("grants:results"))
        html = body(response)
        assert response.status_code == 200
        assert "Проект 0" in html and "Проект 1" in html and "Секретный" not in html
        assert reverse("grants:call-results", args=[call.code]) in html

    def test_filters_and_an_unknown_value(self, client, operator, other_org):
        call = published_call(operator, other_org, winners=1)
        other = published_call(operator, other_org, winners=1)
        html = body(client.get(reverse("grants:results"), {"call": call.code}))
        assert "1 project awarded" in html
        html = body(client.get(reverse("grants:results"), {"call": "nope", "q": "Проект"}))
        assert "2 projects awarded" in html  # an unknown call is dropped, the other filters stay
        assert other.code in html

    def test_the_results_list_costs_the_same_whatever_its_length(
        self, client, operator, other_org, django_assert_max_num_queries
    ):
        published_call(operator, other_org, winners=2)
        counts = []
        for extra in (0, 30):
            if extra:
                published_call(operator, other_org, winners=extra)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse("grants:results"), {"page": 2 if extra else 1}).status_code == 200
            counts.append(len(ctx.captured_queries))
        assert counts[0] == counts[1]
        with django_assert_max_num_queries(9):
            client.get(reverse("grants:results"), {"theme": "x", "q": "Проект"})

    def test_a_calls_results_page(self, client, operator, other_org, django_assert_max_num_queries):
        call = published_call(operator, other_org, winners=3)
        with django_assert_max_num_queries(4):
            response = client.get(reverse("grants:call-results", args=[call.code]))
        assert response.status_code == 200
        assert "Проект 2" in body(response)

    def test_unpublished_results_are_hidden_except_from_runners(self, client, operator, call, application):
        record(operator, application, amount="1000000")
        url = reverse("grants:call-results", args=[call.code])
        assert client.get(url).status_code == 404
        client.force_login(operator)
        response = client.get(url)
        assert response.status_code == 200
        assert "not published yet" in body(response)
        assert application.title in body(response)


class TestOpenDataExport:
    def test_csv(self, client, operator, other_org):
        published_call(operator, other_org, winners=2)
        response = client.get(reverse("grants:results-export", args=["csv"]))
        assert response.status_code == 200 and response.streaming
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert rows[0] == [f.name for f in OPEN_DATA_FIELDS]
        assert len(rows) == 3
        record_ = dict(zip(rows[0], rows[1], strict=True))
        assert record_["awarded_amount"] == "1000000.00" and record_["currency"] == "KZT"

    def test_json_with_filters(self, client, operator, other_org):
        call = published_call(operator, other_org, winners=2)
        published_call(operator, other_org, winners=1)
        response = client.get(reverse("grants:results-export", args=["json"]), {"call": call.code})
        data = json.loads(b"".join(response.streaming_content))
        assert [row["call_code"] for row in data] == [call.code, call.code]
        assert {row["project_title"] for row in data} == {"Проект 0", "Проект 1"}

    def test_an_empty_export_is_valid_json(self, client):
        response = client.get(reverse("grants:results-export", args=["json"]))
        assert json.loads(b"".join(response.streaming_content)) == []

    def test_unknown_format(self, client):
        assert client.get(reverse("grants:results-export", args=["xml"])).status_code == 404


class TestDashboard:
    def test_only_runners_see_it(self, client, call, representative):
        url = reverse("grants:call-dashboard", args=[call.code])
        assert client.get(url).status_code == 302
        client.force_login(representative)
        assert client.get(url).status_code == 403

    def test_figures_and_the_decision_table(self, client, operator, call, django_assert_max_num_queries):
        reviewed = make_application(call)
        awarded = make_application(call)
        record(operator, awarded, amount="1000000")
        client.force_login(operator)
        url = reverse("grants:call-dashboard", args=[call.code])
        html = body(client.get(url))
        assert reverse("grants:decision-record", args=[reviewed.pk]) in html
        assert reverse("grants:agreement-create", args=[awarded.pk]) in html
        html = body(client.get(url, {"status": "awarded"}))
        assert reverse("grants:decision-record", args=[reviewed.pk]) not in html
        for _ in range(30):
            record(operator, make_application(call), outcome=Outcome.REJECT)
        with django_assert_max_num_queries(11):
            assert client.get(url, {"page": 2}).status_code == 200

    def test_publishing_from_the_dashboard(self, client, operator, call, application):
        client.force_login(operator)
        url = reverse("grants:call-publish-results", args=[call.code])
        response = client.post(url, follow=True)
        assert "1 application has no decision yet" in body(response)
        record(operator, application, outcome=Outcome.REJECT)
        response = client.post(url)
        assert response["Location"] == reverse("grants:call-results", args=[call.code])
        call.refresh_from_db()
        assert call.status == CallStatus.RESULTS_PUBLISHED

    def test_others_cannot_publish(self, client, representative, call):
        client.force_login(representative)
        assert client.post(reverse("grants:call-publish-results", args=[call.code])).status_code == 403


class TestAgreementPages:
    def test_creating_an_agreement(self, client, operator, application):
        record(operator, application, amount="2400000")
        client.force_login(operator)
        url = reverse("grants:agreement-create", args=[application.pk])
        html = body(client.get(url, {"instalments": 3}))
        assert html.count('name="instalments-') >= 3 * 2
        start = timezone.localdate()
        data = {
            "number": "ГС-1",
            "signed_on": start.isoformat(),
            "starts_on": start.isoformat(),
            "ends_on": (start + datetime.timedelta(days=180)).isoformat(),
            "instalments-TOTAL_FORMS": "2",
            "instalments-INITIAL_FORMS": "0",
            "instalments-0-due_on": start.isoformat(),
            "instalments-0-amount": "2000000",
            "instalments-1-due_on": start.isoformat(),
            "instalments-1-amount": "300000",
            "milestones-TOTAL_FORMS": "1",
            "milestones-INITIAL_FORMS": "0",
            "milestones-0-kind": "narrative",
            "milestones-0-title": "Итоговый отчёт",
            "milestones-0-due_on": (start + datetime.timedelta(days=200)).isoformat(),
        }
        response = client.post(url, data)
        assert response.status_code == 200
        assert "add up to" in body(response)
        data["instalments-1-amount"] = "400000"
        response = client.post(url, data)
        agreement = m.Agreement.objects.get()
        assert response["Location"] == agreement.get_absolute_url()
        assert [r.title for r in agreement.reports.all()] == ["Итоговый отчёт"]

    def test_the_agreement_page(self, client, operator, call, citizen, django_assert_max_num_queries):
        agreement = make_agreement(operator, call)
        url = agreement.get_absolute_url()
        client.force_login(citizen)
        assert client.get(url).status_code == 403
        client.force_login(applicant_of(agreement.application))
        html = body(client.get(url))
        assert agreement.number in html and reverse("grants:report-edit", args=[agreement.reports.first().pk]) in html
        assert 'name="rating"' not in html
        client.force_login(operator)
        with django_assert_max_num_queries(8):
            html = body(client.get(url))
        assert (
            'name="rating"' in html and reverse("grants:instalment-paid", args=[agreement.instalments.get().pk]) in html
        )

    def test_paying_and_closing(self, client, operator, call):
        agreement = make_agreement(operator, call)
        client.force_login(operator)
        instalment = agreement.instalments.get()
        client.post(reverse("grants:instalment-paid", args=[instalment.pk]), {"paid_on": timezone.localdate()})
        instalment.refresh_from_db()
        assert instalment.paid_on == timezone.localdate()
        url = reverse("grants:agreement-close", args=[agreement.pk])
        response = client.post(url, {"rating": "successful", "action": "close"}, follow=True)
        assert "not yet accepted or rejected" in body(response)
        client.post(url, {"rating": "unsuccessful", "note": "Нецелевые расходы", "action": "terminate"})
        agreement.refresh_from_db()
        assert agreement.status == "terminated"

    def test_my_agreements(self, client, operator, call, django_assert_max_num_queries):
        agreement = make_agreement(operator, call)
        user = applicant_of(agreement.application)
        for _ in range(3):
            other = make_agreement(operator, call)
            MembershipFactory(user=user, role=Role.REPRESENTATIVE, organisation=other.application.organisation)
        client.force_login(user)
        with django_assert_max_num_queries(6):
            html = body(client.get(reverse("grants:my-agreements")))
        assert html.count("/grants/agreements/") >= 4
        client.force_login(operator)
        assert agreement.number not in body(client.get(reverse("grants:my-agreements")))


class TestReportPages:
    def test_the_applicant_fills_saves_and_submits(self, client, operator, call):
        agreement = make_agreement(operator, call)
        application = agreement.application
        report = agreement.reports.filter(kind=ReportKind.NARRATIVE).order_by("due_on").first()
        indicator = application.indicators.get()
        client.force_login(applicant_of(application))
        url = reverse("grants:report-edit", args=[report.pk])
        assert f'name="value_{indicator.pk}"' in body(client.get(url))
        response = client.post(url, {"narrative": "", f"value_{indicator.pk}": "10", "submit": "1"})
        assert response.status_code == 200
        assert "Describe what was done" in body(response)
        assert report.actuals.get().value == Decimal(10)  # the draft was kept
        response = client.post(url, {"narrative": "Смена проведена", f"value_{indicator.pk}": "40", "submit": "1"})
        assert response["Location"] == report.get_absolute_url()
        report.refresh_from_db()
        assert report.status == ReportStatus.SUBMITTED
        assert "can no longer be changed" in body(client.get(url))

    def test_the_operator_cannot_fill_and_the_applicant_cannot_review(self, client, operator, call):
        agreement = make_agreement(operator, call)
        report = agreement.reports.first()
        client.force_login(operator)
        assert client.get(reverse("grants:report-edit", args=[report.pk])).status_code == 403
        client.force_login(applicant_of(agreement.application))
        assert client.post(report.get_absolute_url(), {"verdict": "accept"}).status_code == 403

    def test_the_operator_reviews_a_financial_report(self, client, operator, call, django_assert_max_num_queries):
        agreement = make_agreement(operator, call)
        application = agreement.application
        applicant = applicant_of(application)
        report = agreement.reports.filter(kind=ReportKind.FINANCIAL).order_by("due_on").first()
        agreements.report_save(
            actor=applicant,
            report=report,
            narrative="Расходы",
            spending={line.pk: {"spent": line.requested + 1} for line in application.budget_lines.all()},
        )
        agreements.report_submit(actor=applicant, report=report)
        client.force_login(operator)
        with django_assert_max_num_queries(9):
            html = body(client.get(report.get_absolute_url()))
        assert 'name="verdict"' in html and "+1" in html
        response = client.post(report.get_absolute_url(), {"verdict": "return", "comment": ""})
        assert response.status_code == 200 and "Say what is wrong" in body(response)
        response = client.post(report.get_absolute_url(), {"verdict": "return", "comment": "Нужны чеки"})
        assert response.status_code == 302
        report.refresh_from_db()
        assert (report.status, report.review_comment) == (ReportStatus.RETURNED, "Нужны чеки")

    def test_an_overdue_report_is_flagged(self, client, operator, call):
        agreement = make_agreement(operator, call)
        report = agreement.reports.first()
        m.Report.objects.filter(pk=report.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
        client.force_login(applicant_of(agreement.application))
        assert "overdue" in body(client.get(agreement.get_absolute_url()))
        assert "This report is overdue" in body(client.get(reverse("grants:report-edit", args=[report.pk])))


class TestReportDocuments:
    @pytest.fixture(autouse=True)
    def media(self, tmp_path, settings):
        settings.MEDIA_ROOT = tmp_path / "media"

    def test_the_applicant_attaches_a_document_only_the_parties_can_download(self, client, operator, call, citizen):
        agreement = make_agreement(operator, call)
        report = agreement.reports.filter(kind=ReportKind.FINANCIAL).first()
        client.force_login(applicant_of(agreement.application))
        url = reverse("grants:report-edit", args=[report.pk])
        response = client.post(url, {"upload": "1", "file": upload("Чеки.pdf", PDF, "application/pdf")})
        assert response.status_code == 302
        [stored] = files_for(report)
        assert stored.original_name == "Чеки.pdf"
        assert stored.url in body(client.get(report.get_absolute_url()))
        assert client.get(stored.url).status_code == 200
        client.force_login(operator)
        assert client.get(stored.url).status_code == 200
        client.force_login(citizen)
        assert client.get(stored.url).status_code in (403, 404)

    def test_a_file_whose_content_lies_is_refused_on_the_form(self, client, operator, call):
        agreement = make_agreement(operator, call)
        report = agreement.reports.first()
        client.force_login(applicant_of(agreement.application))
        response = client.post(
            reverse("grants:report-edit", args=[report.pk]), {"upload": "1", "file": upload("setup.pdf", EXE)}
        )
        assert response.status_code == 200 and "govuk-error-summary" in body(response)
        assert not files_for(report).exists()

    def test_a_submitted_report_takes_no_more_documents(self, operator, call):
        agreement = make_agreement(operator, call)
        report = agreement.reports.filter(kind=ReportKind.NARRATIVE).first()
        applicant = applicant_of(agreement.application)
        agreements.report_save(
            actor=applicant,
            report=report,
            narrative="x",
            actuals={agreement.application.indicators.get().pk: {"value": 1}},
        )
        agreements.report_submit(actor=applicant, report=report)
        with pytest.raises(ValidationError) as exc:
            agreements.report_attach(actor=applicant, report=report, uploaded_file=upload("a.pdf", PDF))
        assert exc.value.code == "report_locked"
        with pytest.raises(PermissionDenied):
            agreements.report_attach(actor=operator, report=report, uploaded_file=upload("a.pdf", PDF))
