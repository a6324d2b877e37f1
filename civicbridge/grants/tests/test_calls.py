"""Programmes and calls: creation and editing with their parts, rubric presets, what may change at each stage,
and the call's workflow (publish, start the review, cancel)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from freezegun import freeze_time

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.workflow import history_for
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, CallStatus, Instrument, Level
from civicbridge.grants.rubrics import PRESETS, SIMPLE, TEN
from civicbridge.grants.selectors.calls import PHASES, phase_q
from civicbridge.grants.services import calls as services
from civicbridge.grants.services.calls.parts import _existing_rows
from civicbridge.registry.tests.factories import CountryFactory, OrganisationFactory, RegionFactory

from .factories import ApplicationFactory, CallFactory, ProgrammeFactory, ReviewFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def runner_of(org):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.OPERATOR, organisation=org)
    return user


@pytest.fixture
def programme():
    return ProgrammeFactory(budget=Decimal("100000000"))


@pytest.fixture
def runner(programme):
    return runner_of(programme.funder)


def bands():
    return [
        {"name_ru": "Малые", "min_amount": Decimal("1000000"), "max_amount": Decimal("5000000"), "pass_mark": 60},
        {"name_ru": "Крупные", "min_amount": Decimal("5000000.01"), "max_amount": Decimal("20000000"), "pass_mark": 70},
    ]


def call_fields(**overrides):
    now = timezone.now()
    fields = {
        "code": "kz-2027-1",
        "name_ru": "Гранты для НПО 2027",
        "opens_at": now + timedelta(days=1),
        "closes_at": now + timedelta(days=30),
        "budget": Decimal("50000000"),
        "submission_languages": ["ru", "kk"],
    }
    return {**fields, **overrides}


def make_call(runner, programme, **overrides):
    parts = {
        "bands": bands(),
        "terms": [{"name_ru": "Краткосрочный", "min_months": 3, "max_months": 12}],
        "rubric_preset": "simple",
        "documents": [{"code": "charter", "name_ru": "Устав"}],
    }
    fields = call_fields()
    for key, value in overrides.items():
        (parts if key in parts else fields)[key] = value
    return services.call_create(actor=runner, programme=programme, **parts, **fields)


def submitted(call, **kwargs):
    return ApplicationFactory(
        call=call,
        status=ApplicationStatus.SUBMITTED,
        receipt_number=f"{call.code.upper()}-{m.Application.objects.count() + 1:05d}",
        submitted_at=timezone.now(),
        **kwargs,
    )


# --- Presets ----------------------------------------------------------------------------------------------------


def test_presets_are_a_ten_criterion_0_to_10_rubric_and_a_simple_0_to_5_one():
    assert set(PRESETS) == {"ten", "simple"}
    assert len(TEN.criteria) == 10 and {(c.scale_min, c.scale_max) for c in TEN.criteria} == {(0, 10)}
    assert len(SIMPLE.criteria) == 5 and {(c.scale_min, c.scale_max) for c in SIMPLE.criteria} == {(0, 5)}
    assert all(c.weight > 0 for preset in PRESETS.values() for c in preset.criteria)


def test_preset_rows_fill_every_language_column():
    rows = services.preset_rows("ten")
    assert len(rows) == 10
    with translation.override("en"):
        assert rows[0]["name_en"] == str(TEN.criteria[0].name)
    assert all(row[f"name_{lang}"] and row[f"descriptors_{lang}"] for row in rows for lang in ("ru", "kk", "en"))


def test_unknown_preset_is_refused():
    with pytest.raises(ValidationError) as exc:
        services.preset_rows("nope")
    assert "rubric_preset" in exc.value.message_dict


# --- Programmes -------------------------------------------------------------------------------------------------


class TestProgrammes:
    def test_a_runner_creates_a_programme_for_their_own_organisation(self):
        ministry = OrganisationFactory(kind="state_body")
        user = runner_of(ministry)
        programme = services.programme_create(
            actor=user,
            name_ru="Гранты для НПО",
            funder=ministry,
            instrument=Instrument.SOCIAL_ORDER,
            level=Level.REGIONAL,
            currency="KZT",
            budget=Decimal("500000000"),
        )
        assert programme.pk and programme.funder == ministry and programme.instrument == "social_order"

    def test_a_grant_operator_may_create_a_programme_for_a_funder_it_operates_for(self):
        ministry, operator_org = OrganisationFactory(kind="state_body"), OrganisationFactory()
        user = runner_of(operator_org)
        programme = services.programme_create(
            actor=user, name_ru="Программа", funder=ministry, operator=operator_org, budget=Decimal(1)
        )
        assert programme.run_by_ids == {ministry.pk, operator_org.pk}

    def test_a_runner_of_another_organisation_cannot_create_a_programme_for_this_funder(self):
        user = runner_of(OrganisationFactory())
        with pytest.raises(PermissionDenied):
            services.programme_create(actor=user, name_ru="X", funder=OrganisationFactory(), budget=Decimal(1))

    def test_citizens_cannot_create_programmes(self, citizen):
        with pytest.raises(PermissionDenied):
            services.programme_create(actor=citizen, name_ru="X", funder=OrganisationFactory(), budget=Decimal(1))

    def test_region_outside_the_country_and_negative_budget_are_refused(self):
        ministry = OrganisationFactory()
        user = runner_of(ministry)
        russia = CountryFactory(code="RU", name_ru="Россия", name="Россия")
        with pytest.raises(ValidationError) as exc:
            services.programme_create(
                actor=user, name_ru="X", funder=ministry, country=russia, region=RegionFactory(), budget=Decimal(-1)
            )
        assert set(exc.value.message_dict) >= {"region", "budget"}

    def test_the_funder_never_changes(self, programme, runner):
        with pytest.raises(ValidationError) as exc:
            services.programme_update(actor=runner, programme=programme, funder=OrganisationFactory())
        assert "funder" in exc.value.message_dict
        services.programme_update(actor=runner, programme=programme, name_ru="Новое имя")
        programme.refresh_from_db()
        assert programme.name_ru == "Новое имя"

    def test_the_currency_is_frozen_once_a_call_exists(self, programme, runner):
        CallFactory(programme=programme)
        with pytest.raises(ValidationError) as exc:
            services.programme_update(actor=runner, programme=programme, currency="RUB")
        assert "currency" in exc.value.message_dict


# --- Creating calls ---------------------------------------------------------------------------------------------


class TestCallCreate:
    def test_a_draft_with_bands_terms_preset_rubric_and_documents(self, programme, runner):
        call = make_call(runner, programme, rubric_preset="ten")
        assert call.status == CallStatus.DRAFT
        assert [b.name_ru for b in call.bands.all()] == ["Малые", "Крупные"]
        assert call.duration_terms.get().max_months == 12
        assert list(call.criteria.values_list("order", flat=True)) == list(range(1, 11))
        assert set(call.criteria.values_list("scale_max", flat=True)) == {10}
        assert call.required_documents.get().code == "charter"
        assert call.currency == "KZT"

    def test_explicit_criteria_are_numbered_in_order(self, programme, runner):
        criteria = [
            {"name_ru": "Актуальность", "weight": Decimal(2), "scale_min": 0, "scale_max": 10},
            {"name_ru": "Бюджет", "weight": Decimal(1), "scale_min": 0, "scale_max": 10},
        ]
        call = make_call(runner, programme, rubric_preset=None, criteria=criteria)
        assert list(call.criteria.values_list("order", "name_ru")) == [(1, "Актуальность"), (2, "Бюджет")]

    def test_overlapping_bands_are_refused(self, programme, runner):
        rows = bands()
        rows[1]["min_amount"] = Decimal("4000000")
        with pytest.raises(ValidationError) as exc:
            make_call(runner, programme, bands=rows)
        assert "overlap" in " ".join(exc.value.message_dict["bands"])

    def test_a_band_above_the_call_budget_and_a_bad_pass_mark_are_refused(self, programme, runner):
        rows = bands()
        rows[1]["max_amount"] = Decimal("60000000")
        rows[0]["pass_mark"] = 120
        with pytest.raises(ValidationError) as exc:
            make_call(runner, programme, bands=rows)
        messages = " ".join(exc.value.message_dict["bands"])
        assert "whole budget" in messages and "between 0 and 100" in messages

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"closes_at": timezone.now()}, "closes_at"),
            ({"code": "not a slug"}, "code"),
            ({"name_ru": " "}, "name_ru"),
            ({"budget": Decimal("200000000")}, "budget"),
            ({"min_cofinancing_percent": Decimal(101)}, "min_cofinancing_percent"),
            ({"submission_languages": ["de"]}, "submission_languages"),
            ({"eligible_kinds": ["pirates"]}, "eligible_kinds"),
            ({"experts_per_application": 0}, "experts_per_application"),
            ({"review_deadline": timezone.now() + timedelta(days=2)}, "review_deadline"),
            ({"terms": [{"name_ru": "X", "min_months": 12, "max_months": 3}]}, "terms"),
            (
                {"criteria": [{"name_ru": "X", "weight": 0, "scale_min": 5, "scale_max": 5}], "rubric_preset": None},
                "criteria",
            ),
            ({"documents": [{"code": "a", "name_ru": "A"}, {"code": "a", "name_ru": "B"}]}, "documents"),
        ],
    )
    def test_bad_input_is_refused_on_its_field(self, programme, runner, overrides, field):
        with pytest.raises(ValidationError) as exc:
            make_call(runner, programme, **overrides)
        assert field in exc.value.message_dict
        assert not m.Call.objects.exists()

    def test_the_code_is_unique(self, programme, runner):
        make_call(runner, programme)
        with pytest.raises(ValidationError) as exc:
            make_call(runner, programme)
        assert "code" in exc.value.message_dict

    def test_eligible_regions_must_be_in_the_eligible_countries(self, programme, runner):
        russia = CountryFactory(code="RU", name_ru="Россия", name="Россия")
        with pytest.raises(ValidationError) as exc:
            services.call_create(
                actor=runner,
                programme=programme,
                eligible_countries=[russia],
                eligible_regions=[RegionFactory()],
                **call_fields(),
            )
        assert "eligible_regions" in exc.value.message_dict

    def test_calls_of_a_programme_cannot_exceed_its_budget_together(self, programme, runner):
        make_call(runner, programme, budget=Decimal("60000000"))
        with pytest.raises(ValidationError) as exc:
            make_call(runner, programme, code="kz-2027-2", budget=Decimal("50000000"))
        assert "budget" in exc.value.message_dict

    def test_only_runners_of_the_programme_create_its_calls(self, programme, representative):
        for outsider in (representative, runner_of(OrganisationFactory())):
            with pytest.raises(PermissionDenied):
                make_call(outsider, programme)

    def test_an_administrator_may(self, programme, admin_user):
        assert make_call(admin_user, programme).pk


# --- Editing calls at each stage --------------------------------------------------------------------------------


class TestCallUpdate:
    def test_a_draft_changes_freely_and_kept_rows_keep_their_ids(self, programme, runner):
        call = make_call(runner, programme)
        small, large = call.bands.all()
        rows = [
            {"id": small.pk, "name_ru": "Малые", "min_amount": 500000, "max_amount": 5000000, "pass_mark": 55},
        ]
        services.call_update(actor=runner, call=call, bands=rows, code="kz-2027-x", name_ru="Новое")
        call.refresh_from_db()
        assert call.code == "kz-2027-x" and call.name_ru == "Новое"
        assert [(b.pk, b.min_amount, b.pass_mark) for b in call.bands.all()] == [
            (small.pk, Decimal("500000.00"), Decimal("55.00"))
        ]

    def test_a_preset_replaces_the_criteria_of_a_draft(self, programme, runner):
        call = make_call(runner, programme)
        services.call_update(actor=runner, call=call, rubric_preset="ten")
        assert call.criteria.count() == 10

    def test_reordering_criteria_renumbers_them(self, programme, runner):
        call = make_call(runner, programme)
        rows = services.preset_rows("simple")
        ids = list(call.criteria.values_list("id", flat=True))
        reordered = [{**rows[1], "id": ids[1]}, {**rows[0], "id": ids[0]}]
        services.call_update(actor=runner, call=call, criteria=reordered)
        assert list(call.criteria.values_list("id", "order")) == [(ids[1], 1), (ids[0], 2)]

    def test_a_published_call_keeps_its_code(self, runner):
        call = CallFactory(programme__funder=runner.memberships.get().organisation)
        with pytest.raises(ValidationError) as exc:
            services.call_update(actor=runner, call=call, code="new-code")
        assert "code" in exc.value.message_dict

    def test_after_a_submission_the_rules_applicants_relied_on_are_frozen(self, runner):
        call = CallFactory(programme__funder=runner.memberships.get().organisation)
        submitted(call)
        with pytest.raises(ValidationError) as exc:
            services.call_update(
                actor=runner, call=call, bands=bands()[:1], min_cofinancing_percent=Decimal(50), eligible_kinds=["ngo"]
            )
        assert set(exc.value.message_dict) == {"bands", "min_cofinancing_percent", "eligible_kinds"}
        assert "submitted" in exc.value.message_dict["bands"][0]
        call.refresh_from_db()
        assert call.min_cofinancing_percent == Decimal("10.00") and call.bands.count() == 2

    def test_after_a_submission_texts_and_a_later_deadline_still_change(self, runner):
        call = CallFactory(programme__funder=runner.memberships.get().organisation)
        submitted(call)
        later = call.closes_at + timedelta(days=3)
        services.call_update(actor=runner, call=call, description_ru="Уточнение", closes_at=later)
        call.refresh_from_db()
        assert call.description_ru == "Уточнение" and call.closes_at == later

    def test_a_published_call_cannot_close_in_the_past(self, runner):
        call = CallFactory(programme__funder=runner.memberships.get().organisation)
        with pytest.raises(ValidationError) as exc:
            services.call_update(actor=runner, call=call, closes_at=timezone.now() - timedelta(minutes=1))
        assert "closes_at" in exc.value.message_dict

    def test_once_reviews_exist_the_rubric_is_frozen(self, runner):
        call = CallFactory(programme__funder=runner.memberships.get().organisation)
        ReviewFactory(application=submitted(call))
        with pytest.raises(ValidationError) as exc:
            services.call_update(actor=runner, call=call, rubric_preset="ten", experts_per_application=3)
        assert set(exc.value.message_dict) == {"criteria", "experts_per_application"}

    def test_sets_of_codes_in_another_order_are_no_change(self, runner):
        call = CallFactory(programme__funder=runner.memberships.get().organisation, submission_languages=["ru", "kk"])
        submitted(call)
        services.call_update(actor=runner, call=call, submission_languages=["kk", "ru", "kk"], name_ru="Новое")
        call.refresh_from_db()
        assert set(call.submission_languages) == {"ru", "kk"} and call.name_ru == "Новое"

    def test_unchanged_parts_pass_even_when_frozen(self, runner):
        call = CallFactory(programme__funder=runner.memberships.get().organisation)
        submitted(call)
        rows = [
            {k: v for k, v in row.items() if k in {"id", "name_ru", "min_amount", "max_amount", "pass_mark"}}
            for row in _existing_rows(call, "bands")
        ]
        services.call_update(actor=runner, call=call, bands=rows, name_ru="Переименован")
        call.refresh_from_db()
        assert call.name_ru == "Переименован"

    @pytest.mark.parametrize("status", [CallStatus.RESULTS_PUBLISHED, CallStatus.CANCELLED])
    def test_finished_calls_do_not_change(self, runner, status):
        call = CallFactory(programme__funder=runner.memberships.get().organisation, status=status)
        with pytest.raises(ValidationError) as exc:
            services.call_update(actor=runner, call=call, name_ru="X")
        assert "no longer be changed" in exc.value.message_dict["name_ru"][0]

    def test_a_runner_of_another_programme_cannot_edit(self, programme):
        call = CallFactory(programme=programme)
        with pytest.raises(PermissionDenied):
            services.call_update(actor=runner_of(OrganisationFactory()), call=call, name_ru="X")


# --- Workflow ---------------------------------------------------------------------------------------------------


class TestCallWorkflow:
    def test_an_incomplete_draft_is_not_published_and_says_what_is_missing(self, programme, runner):
        call = services.call_create(actor=runner, programme=programme, **call_fields(submission_languages=[]))
        with pytest.raises(ValidationError) as exc:
            services.call_publish(actor=runner, call=call)
        assert set(exc.value.message_dict) == {"bands", "terms", "criteria", "submission_languages"}
        call.refresh_from_db()
        assert call.status == CallStatus.DRAFT

    def test_a_complete_draft_is_published_with_a_history_row(self, programme, runner):
        call = make_call(runner, programme)
        services.call_publish(actor=runner, call=call)
        call.refresh_from_db()
        assert call.status == CallStatus.PUBLISHED
        assert [(h.action, h.actor_id) for h in history_for(call)] == [("publish", runner.pk)]

    def test_a_draft_whose_closing_time_passed_is_not_published(self, programme, runner):
        call = make_call(runner, programme)
        with freeze_time(call.closes_at + timedelta(seconds=1)):
            with pytest.raises(ValidationError) as exc:
                services.call_publish(actor=runner, call=call)
        assert "closes_at" in exc.value.message_dict

    def test_the_review_starts_only_after_the_close_to_the_second(self, runner):
        call = CallFactory(programme__funder=runner.memberships.get().organisation)
        with freeze_time(call.closes_at - timedelta(seconds=1)):
            with pytest.raises(ValidationError) as exc:
                services.call_start_review(actor=runner, call=call)
            assert exc.value.code == "call_still_open"
        with freeze_time(call.closes_at):
            services.call_start_review(actor=runner, call=call)
        call.refresh_from_db()
        assert call.status == CallStatus.IN_REVIEW

    def test_cancelling_needs_a_reason(self, runner):
        call = CallFactory(programme__funder=runner.memberships.get().organisation)
        with pytest.raises(ValidationError) as exc:
            services.call_cancel(actor=runner, call=call, reason="  ")
        assert "reason" in exc.value.message_dict
        services.call_take_action(actor=runner, call=call, action="cancel", reason="Бюджет сокращён")
        call.refresh_from_db()
        assert call.status == CallStatus.CANCELLED
        assert history_for(call).get().reason == "Бюджет сокращён"

    def test_outsiders_take_no_action(self, citizen, representative):
        call = CallFactory()
        for user in (citizen, representative, runner_of(OrganisationFactory())):
            for action in ("publish", "start_review", "cancel"):
                with pytest.raises(PermissionDenied):
                    services.call_take_action(actor=user, call=call, action=action, reason="x")

    def test_an_unknown_action_is_refused(self, runner):
        call = CallFactory(programme__funder=runner.memberships.get().organisation)
        with pytest.raises(ValidationError):
            services.call_take_action(actor=runner, call=call, action="explode")


def test_the_phase_filter_finds_each_call_in_the_phase_it_reports():
    """selectors.calls.phase_q (the public list and the API filter) agrees with Call.phase() for every status."""
    now = timezone.now()
    windows = {
        "before": (now + timedelta(days=1), now + timedelta(days=2)),
        "during": (now - timedelta(days=1), now + timedelta(days=1)),
        "at the close": (now - timedelta(days=1), now),
        "after": (now - timedelta(days=2), now - timedelta(days=1)),
    }
    calls = [
        CallFactory(status=status, opens_at=opens, closes_at=closes, setup=False)
        for status in CallStatus.values
        for opens, closes in windows.values()
    ]
    for phase in PHASES:
        found = set(m.Call.objects.filter(phase_q(phase, now)).values_list("pk", flat=True))
        assert found == {call.pk for call in calls if call.phase(now) == phase}, phase
