"""Public results: only the winners of published calls, the filters, open-data rows, and the operator's figures."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from civicbridge.grants.choices import ApplicationStatus, CallStatus, Outcome, ReviewStatus
from civicbridge.grants.selectors import dashboard, results
from civicbridge.grants.services import agreements, decisions
from civicbridge.registry.models import Region, Theme
from civicbridge.registry.tests.factories import OrganisationFactory

from .factories import ReviewFactory
from .test_decisions import make_application, make_call, record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def theme(code: str) -> Theme:
    return Theme.objects.get_or_create(code=code, defaults={"name": code, "name_ru": code})[0]


@pytest.fixture
def published(operator, other_org):
    """A published call with two winners (one per band), a waitlisted and a rejected application."""
    call = make_call(other_org, code="kz-2027-1")
    small = make_application(call, score="88.00", requested="3000000", title="Инклюзивный лагерь")
    large_band = call.bands.order_by("min_amount").last()
    large = make_application(call, score="91.25", requested="9000000", band=large_band, title="Экошкола")
    small.themes.add(theme("inclusion"))
    large.themes.add(theme("ecology"), theme("volunteering"))
    record(operator, small, amount="2500000", protocol_number="5")
    record(operator, large, amount="9000000", protocol_number="5")
    record(operator, make_application(call), outcome=Outcome.WAITLIST)
    record(operator, make_application(call), outcome=Outcome.REJECT)
    decisions.call_publish_results(actor=operator, call=call)
    call.refresh_from_db()
    return call


class TestWinners:
    def test_only_awarded_applications_of_published_calls_are_public(self, published, operator, other_org):
        unpublished = make_call(other_org)
        record(operator, make_application(unpublished), amount="1000000")
        winners = list(results.winners())
        assert [w.title for w in winners] == ["Инклюзивный лагерь", "Экошкола"]  # by band, then score
        assert {w.call_id for w in winners} == {published.pk}
        preview = results.call_results(unpublished, published_only=False)
        assert [len(g["winners"]) for g in preview] == [1]
        assert results.call_results(unpublished) == []

    def test_call_results_group_winners_by_band_with_totals(self, published):
        groups = results.call_results(published)
        assert [(str(g["band"]), len(g["winners"]), g["total"]) for g in groups] == [
            ("Малые", 1, Decimal("2500000")),
            ("Крупные", 1, Decimal("9000000")),
        ]

    def test_filters(self, published, operator, other_org):
        kz_region = Region.objects.filter(country_id="KZ").first()
        winner = results.winners().get(title="Экошкола")
        winner.region = kz_region
        winner.save(update_fields=["region"])
        qs = results.winners()
        assert [a.title for a in results.filter_winners(qs, theme="ecology")] == ["Экошкола"]
        assert [a.title for a in results.filter_winners(qs, region=kz_region.code)] == ["Экошкола"]
        assert [a.title for a in results.filter_winners(qs, q="лагерь")] == ["Инклюзивный лагерь"]
        organisation = results.winners().get(title="Экошкола").organisation
        organisation.name = organisation.name_ru = "Фонд «Зелёный город»"
        organisation.save()
        # Another case and е for ё: still found, on SQLite too.
        assert [a.title for a in results.filter_winners(qs, q="ЗЕЛЕНЫЙ")] == ["Экошкола"]
        assert results.filter_winners(qs, call="other").count() == 0
        assert results.filter_winners(qs, call=published.code, level="national").count() == 2
        assert results.filter_winners(qs, year=published.results_published_at.year).count() == 2
        assert results.filter_winners(qs, year=1999).count() == 0
        org_country = winner.organisation.country_id
        assert winner in results.filter_winners(qs, country=org_country)

    def test_a_project_without_a_region_is_found_by_its_organisations_region(self, published):
        winner = results.winners().get(title="Инклюзивный лагерь")
        region = Region.objects.filter(country_id="KZ").last()
        organisation = winner.organisation
        organisation.region = region
        organisation.save(update_fields=["region"])
        assert list(results.filter_winners(results.winners(), region=region.code)) == [winner]
        assert region in results.filter_choices()["regions"]

    def test_filter_choices_offer_only_what_occurs(self, published):
        choices = results.filter_choices()
        assert choices["calls"] == [(published.code, published.name)]
        assert {t.code for t in choices["themes"]} == {"ecology", "inclusion", "volunteering"}
        assert choices["years"] == [published.results_published_at.year]


class TestOpenData:
    def test_a_row_has_every_documented_field_with_exact_values(self, published):
        rows = list(results.open_data_rows(results.winners()))
        assert [set(row) for row in rows] == [{f.name for f in results.OPEN_DATA_FIELDS}] * 2
        large = rows[1]
        assert large["awarded_amount"] == "9000000.00"
        assert large["score"] == "91.25"
        assert large["themes"] == ["ecology", "volunteering"]
        assert large["currency"] == "KZT"
        assert large["protocol_number"] == "5"
        assert large["decided_on"] == timezone.localdate().isoformat()
        assert large["call_code"] == "kz-2027-1"

    def test_the_rows_of_one_instance_and_of_the_stream_agree(self, published):
        assert [results.open_data_row(a) for a in results.winners()] == list(results.open_data_rows(results.winners()))

    def test_the_export_reads_in_a_fixed_number_of_queries(self, published, operator, django_assert_max_num_queries):
        for _ in range(5):
            record(operator, make_application(make_call(published.programme.funder)), amount="100")
        with django_assert_max_num_queries(2):  # the rows (one chunk) and their themes
            list(results.open_data_rows(results.winners()))


class TestDashboard:
    def test_figures_of_a_call(self, operator, other_org):
        call = make_call(other_org, budget=Decimal("10000000"))
        awarded = make_application(call)
        record(operator, awarded, amount="2500000")
        make_application(call, status=ApplicationStatus.IN_REVIEW)
        make_application(call, status=ApplicationStatus.DRAFT, receipt_number=None)
        in_review = make_application(call, status=ApplicationStatus.IN_REVIEW)
        ReviewFactory(application=in_review)
        ReviewFactory(application=in_review, due_at=timezone.now() - datetime.timedelta(days=1))
        ReviewFactory(application=in_review, status=ReviewStatus.WITHDRAWN)
        figures = dashboard.call_dashboard(call)
        counts = {row.status: row.count for row in figures["by_status"]}
        assert (counts["awarded"], counts["in_review"], counts["draft"]) == (1, 2, 1)
        assert (figures["total_applications"], figures["submitted_applications"]) == (4, 3)
        assert figures["reviews"] == {"outstanding": 2, "late": 1, "submitted": 0}
        assert (figures["committed"], figures["remaining"], figures["committed_percent"]) == (
            Decimal("2500000"),
            Decimal("7500000"),
            25,
        )

    def test_overdue_reports_are_listed(self, operator, other_org):
        call = make_call(other_org)
        application = make_application(call)
        record(operator, application, amount="1000000")
        start = timezone.localdate() - datetime.timedelta(days=200)
        agreement = agreements.agreement_create(
            actor=operator,
            application=application,
            number="A-1",
            signed_on=start,
            starts_on=start,
            ends_on=start + datetime.timedelta(days=190),
            instalments=[{"due_on": start, "amount": "1000000"}],
        )
        overdue = dashboard.call_dashboard(call)["overdue_reports"]
        assert {r.pk for r in overdue} == set(
            agreement.reports.filter(due_on__lt=timezone.localdate()).values_list("pk", flat=True)
        )
        assert len(overdue) == 2  # the interim pair; the final pair falls due after today

    def test_the_dashboard_costs_the_same_whatever_the_size(self, operator, other_org, django_assert_max_num_queries):
        call = make_call(other_org)
        for _ in range(6):
            record(operator, make_application(call), amount="100")
        with django_assert_max_num_queries(4):
            dashboard.call_dashboard(call)

    def test_unrelated_calls_do_not_count(self, operator, other_org):
        call, other = make_call(other_org), make_call(OrganisationFactory())
        record(operator, make_application(call), amount="100")
        assert dashboard.call_dashboard(other)["committed"] == 0
        assert CallStatus.IN_REVIEW == other.status


def test_csv_cells_that_look_like_formulas_are_exported_as_text():
    from civicbridge.grants.views.outcomes.results import _cell

    assert _cell('=HYPERLINK("http://evil.example","x")') == '\'=HYPERLINK("http://evil.example","x")'
    assert _cell("-1+2") == "'-1+2"
    assert _cell("Инклюзивный лагерь") == "Инклюзивный лагерь"
    assert _cell(Decimal("-5")) == Decimal("-5")  # numbers stay numbers
