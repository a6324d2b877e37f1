"""Eligibility screening: every rule checked with a recorded reason, whole calls at once, overrides with a reason
(history and audit), the applicant told; and the selectors the rules read (overdue reports, active grants)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from freezegun import freeze_time

from civicbridge.accounts.choices import Role
from civicbridge.accounts.selectors import editors_of
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.context import acting_as
from civicbridge.core.models import AuditEntry
from civicbridge.core.workflow import history_for
from civicbridge.grants import models as m
from civicbridge.grants.choices import (
    AgreementStatus,
    ApplicationStatus,
    CallStatus,
    EligibilityRule,
    ReportStatus,
)
from civicbridge.grants.selectors import eligibility as selectors
from civicbridge.grants.services import eligibility as services
from civicbridge.notifications.models import Notification
from civicbridge.registry.models import LegalForm
from civicbridge.registry.tests.factories import (
    CountryFactory,
    OrganisationFactory,
    RegionFactory,
    RussianOrganisationFactory,
)

from .factories import ApplicationFactory, CallFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

R = EligibilityRule


@pytest.fixture
def call():
    return CallFactory()


@pytest.fixture
def runner(call):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.OPERATOR, organisation=call.programme.funder)
    return user


def submitted(call, organisation=None, **kwargs):
    n = m.Application.objects.count() + 1
    values = {"status": ApplicationStatus.SUBMITTED, "submitted_at": timezone.now(), **kwargs}
    return ApplicationFactory(
        call=call,
        organisation=organisation or OrganisationFactory(),
        receipt_number=f"{call.code.upper()}-{n:05d}",
        **values,
    )


def agreement(organisation, *, status=AgreementStatus.ACTIVE):
    application = submitted(CallFactory(), organisation, status=ApplicationStatus.AWARDED)
    today = timezone.localdate()
    return m.Agreement.objects.create(
        application=application,
        number=f"AG-{application.pk}",
        signed_on=today,
        starts_on=today,
        ends_on=today + timedelta(days=365),
        amount=Decimal("1000000"),
        status=status,
        rating="" if status == AgreementStatus.ACTIVE else "successful",
    )


def report(organisation, *, due_on, status=ReportStatus.DUE):
    return m.Report.objects.create(
        agreement=agreement(organisation), kind="narrative", title="Этап 1", due_on=due_on, status=status
    )


def checks(application) -> dict[str, m.EligibilityCheck]:
    return {c.rule: c for c in application.eligibility_checks.all()}


# --- One application --------------------------------------------------------------------------------------------


class TestScreenApplication:
    def test_an_eligible_applicant_gets_a_recorded_check_for_every_rule(self, call, runner):
        application = submitted(call)
        eligible, recorded = services.screen_application(actor=runner, application=application)
        assert eligible
        assert {c.rule for c in recorded} == set(R.values)
        assert all(c.passed and c.reason for c in recorded)
        application.refresh_from_db()
        assert application.status == ApplicationStatus.ELIGIBLE
        assert [h.action for h in history_for(application)] == ["mark_eligible"]

    def test_the_applicant_is_told(self, call, runner, django_capture_on_commit_callbacks):
        application = submitted(call)
        editor = UserFactory()
        MembershipFactory(user=editor, role=Role.REPRESENTATIVE, organisation=application.organisation)
        with django_capture_on_commit_callbacks(execute=True):
            services.screen_application(actor=runner, application=application)
        note = Notification.objects.get(event="grants.eligibility_result")
        assert note.recipient == editor

    def test_every_failed_rule_is_recorded_with_its_reason(self, call, runner):
        russia = CountryFactory(code="RU", name_ru="Россия", name="Россия")
        kz = CountryFactory()
        call.eligible_countries.set([kz])
        call.eligible_regions.set([RegionFactory(code="KZ-71", name_ru="Астана", name="Астана")])
        call.eligible_legal_forms.set([LegalForm.objects.get(code="kz-public-fund")])
        m.Call.objects.filter(pk=call.pk).update(
            eligible_kinds=["ngo"], min_age_months=12, max_active_grants=0, refuse_overdue_reports=True
        )
        call.refresh_from_db()
        org = RussianOrganisationFactory(
            country=russia,
            kind="business",
            status="suspended",
            registered_on=timezone.localdate() - timedelta(days=100),
            legal_form=LegalForm.objects.get(code="ru-ano"),
        )
        report(org, due_on=timezone.localdate() - timedelta(days=1))
        application = submitted(call, org)
        eligible, recorded = services.screen_application(actor=runner, application=application)
        assert not eligible
        assert {c.rule for c in recorded if not c.passed} == set(R.values)
        found = checks(application)
        assert "Registered in Russia" in found[R.COUNTRY].reason
        assert "12" in found[R.AGE].reason
        assert "overdue" in found[R.OVERDUE_REPORTS].reason
        assert "1 active grants" in found[R.ACTIVE_GRANTS].reason
        application.refresh_from_db()
        assert application.status == ApplicationStatus.INELIGIBLE
        history = history_for(application).get()
        assert history.action == "mark_ineligible" and found[R.COUNTRY].reason in history.reason

    def test_missing_registry_facts_fail_with_a_reason_naming_them(self, call, runner):
        call.eligible_regions.set([RegionFactory()])
        call.eligible_legal_forms.set([LegalForm.objects.get(code="kz-public-fund")])
        m.Call.objects.filter(pk=call.pk).update(min_age_months=6)
        application = submitted(call, OrganisationFactory(region=None, legal_form=None, registered_on=None))
        services.screen_application(actor=runner, application=application)
        found = checks(application)
        for rule in (R.REGION, R.LEGAL_FORM, R.AGE):
            assert not found[rule].passed and "not recorded" in found[rule].reason

    @pytest.mark.parametrize(
        ("registered", "passes"), [(date(2025, 11, 20), True), (date(2025, 11, 21), False), (date(2025, 12, 20), False)]
    )
    def test_age_counts_whole_months_to_the_day_of_submission(self, call, runner, registered, passes):
        m.Call.objects.filter(pk=call.pk).update(min_age_months=12)
        with freeze_time("2026-11-20 12:00:00"):
            application = submitted(call, OrganisationFactory(registered_on=registered))
        # Screened a month later: the rule still judges the day the application was submitted.
        with freeze_time("2026-12-25 12:00:00"):
            services.screen_application(actor=runner, application=application)
        assert checks(application)[R.AGE].passed is passes

    def test_as_many_active_grants_as_allowed_passes(self, call, runner):
        m.Call.objects.filter(pk=call.pk).update(max_active_grants=1)
        org = OrganisationFactory()
        agreement(org)
        agreement(org, status=AgreementStatus.CLOSED)
        application = submitted(call, org)
        services.screen_application(actor=runner, application=application)
        assert checks(application)[R.ACTIVE_GRANTS].passed

    def test_overdue_reports_pass_when_the_call_does_not_check_them(self, call, runner):
        m.Call.objects.filter(pk=call.pk).update(refuse_overdue_reports=False)
        org = OrganisationFactory()
        report(org, due_on=timezone.localdate() - timedelta(days=10))
        application = submitted(call, org)
        assert services.screen_application(actor=runner, application=application)[0]

    def test_only_submitted_applications_are_screened(self, call, runner):
        draft = ApplicationFactory(call=call)
        with pytest.raises(ValidationError) as exc:
            services.screen_application(actor=runner, application=draft)
        assert exc.value.code == "not_submitted"
        assert not m.EligibilityCheck.objects.exists()

    def test_a_cancelled_call_is_not_screened(self, call, runner):
        application = submitted(call)
        m.Call.objects.filter(pk=call.pk).update(status=CallStatus.CANCELLED)  # workflow: not governed
        with pytest.raises(ValidationError):
            services.screen_application(actor=runner, application=application)

    def test_only_runners_screen(self, call, representative, citizen):
        application = submitted(call)
        for user in (representative, citizen):
            with pytest.raises(PermissionDenied):
                services.screen_application(actor=user, application=application)


# --- A whole call -----------------------------------------------------------------------------------------------


class TestScreenCall:
    def test_every_submitted_application_is_screened_once(self, call, runner, django_assert_max_num_queries):
        m.Call.objects.filter(pk=call.pk).update(eligible_kinds=["ngo"])
        good = [submitted(call) for _ in range(3)]
        bad = submitted(call, OrganisationFactory(kind="business"))
        draft = ApplicationFactory(call=call)
        other_call = submitted(CallFactory())
        with django_assert_max_num_queries(20 + 14 * 4):
            summary = services.screen_call(actor=runner, call=call)
        assert summary == {"screened": 4, "eligible": 3, "ineligible": 1, "remaining": 0}
        statuses = dict(m.Application.objects.values_list("pk", "status"))
        assert {statuses[a.pk] for a in good} == {ApplicationStatus.ELIGIBLE}
        assert statuses[bad.pk] == ApplicationStatus.INELIGIBLE
        assert statuses[draft.pk] == ApplicationStatus.DRAFT and statuses[other_call.pk] == ApplicationStatus.SUBMITTED
        assert m.EligibilityCheck.objects.count() == 4 * len(R.values)
        # A second run finds nothing left to screen.
        assert services.screen_call(actor=runner, call=call)["screened"] == 0

    def test_a_limit_screens_the_oldest_submissions_first_and_says_how_many_remain(self, call, runner):
        now = timezone.now()
        late, early, middle = (submitted(call, submitted_at=now - timedelta(hours=h)) for h in (1, 3, 2))
        summary = services.screen_call(actor=runner, call=call, limit=2)
        assert (summary["screened"], summary["remaining"]) == (2, 1)
        statuses = dict(m.Application.objects.values_list("pk", "status"))
        assert [statuses[a.pk] for a in (early, middle, late)] == ["eligible", "eligible", "submitted"]

    def test_one_notification_per_applicant(self, call, runner, django_capture_on_commit_callbacks):
        applications = [submitted(call) for _ in range(2)]
        for application in applications:
            MembershipFactory(role=Role.REPRESENTATIVE, organisation=application.organisation)
        with django_capture_on_commit_callbacks(execute=True):
            services.screen_call(actor=runner, call=call)
        assert Notification.objects.filter(event="grants.eligibility_result").count() == 2

    def test_a_runner_of_another_programme_cannot(self, call):
        outsider = UserFactory()
        MembershipFactory(user=outsider, role=Role.OPERATOR, organisation=OrganisationFactory())
        with pytest.raises(PermissionDenied):
            services.screen_call(actor=outsider, call=call)


# --- Overrides --------------------------------------------------------------------------------------------------


class TestOverride:
    def test_an_operator_overrides_with_a_reason_recorded_and_audited(
        self, call, runner, django_capture_on_commit_callbacks
    ):
        application = submitted(call, OrganisationFactory(status="suspended"))
        MembershipFactory(role=Role.REPRESENTATIVE, organisation=application.organisation)
        services.screen_application(actor=runner, application=application)
        with django_capture_on_commit_callbacks(execute=True), acting_as(runner):  # as the request middleware does
            services.override_eligibility(
                actor=runner, application=application, eligible=True, reason="Статус восстановлен, справка от 01.12"
            )
        application.refresh_from_db()
        assert application.status == ApplicationStatus.ELIGIBLE
        last = list(history_for(application))[-1]
        assert (last.action, last.actor_id, last.reason) == (
            "override_eligible",
            runner.pk,
            "Статус восстановлен, справка от 01.12",
        )
        audited = AuditEntry.objects.filter(object_id=str(application.pk), actor=runner).latest("id")
        assert audited.changes["status"] == [ApplicationStatus.INELIGIBLE, ApplicationStatus.ELIGIBLE]
        assert Notification.objects.filter(event="grants.eligibility_result").count() == 1

    def test_an_eligible_application_can_be_overridden_to_ineligible(self, call, runner):
        application = submitted(call)
        services.screen_application(actor=runner, application=application)
        services.override_eligibility(actor=runner, application=application, eligible=False, reason="Дубликат")
        application.refresh_from_db()
        assert application.status == ApplicationStatus.INELIGIBLE

    def test_an_override_needs_a_reason(self, call, runner):
        application = submitted(call)
        services.screen_application(actor=runner, application=application)
        with pytest.raises(ValidationError) as exc:
            services.override_eligibility(actor=runner, application=application, eligible=False, reason=" ")
        assert "reason" in exc.value.message_dict
        application.refresh_from_db()
        assert application.status == ApplicationStatus.ELIGIBLE

    def test_an_override_that_changes_nothing_is_refused(self, call, runner):
        application = submitted(call)
        services.screen_application(actor=runner, application=application)
        application.refresh_from_db()
        with pytest.raises(ValidationError) as exc:
            services.override_eligibility(actor=runner, application=application, eligible=True, reason="x")
        assert exc.value.code == "invalid_transition"

    def test_applicants_cannot_override(self, call, runner):
        application = submitted(call, OrganisationFactory(status="suspended"))
        services.screen_application(actor=runner, application=application)
        applicant = UserFactory()
        MembershipFactory(user=applicant, role=Role.REPRESENTATIVE, organisation=application.organisation)
        with pytest.raises(PermissionDenied):
            services.override_eligibility(actor=applicant, application=application, eligible=True, reason="Пожалуйста")


# --- Selectors --------------------------------------------------------------------------------------------------


class TestSelectors:
    def test_overdue_means_due_or_returned_and_due_before_today(self):
        today = timezone.localdate()
        late, returned, today_org, accepted, clean = (OrganisationFactory() for _ in range(5))
        report(late, due_on=today - timedelta(days=1))
        report(returned, due_on=today - timedelta(days=30), status=ReportStatus.RETURNED)
        report(today_org, due_on=today)
        report(accepted, due_on=today - timedelta(days=30), status=ReportStatus.ACCEPTED)
        ids = [o.pk for o in (late, returned, today_org, accepted, clean)]
        assert selectors.organisations_with_overdue_reports(ids) == {late.pk, returned.pk}
        assert selectors.organisations_with_overdue_reports([]) == set()

    def test_active_grant_counts_count_active_agreements_only(self, django_assert_num_queries):
        busy, idle = OrganisationFactory(), OrganisationFactory()
        agreement(busy)
        agreement(busy)
        agreement(busy, status=AgreementStatus.CLOSED)
        agreement(idle, status=AgreementStatus.TERMINATED)
        with django_assert_num_queries(1):
            assert selectors.active_grant_counts([busy.pk, idle.pk]) == {busy.pk: 2}

    def test_applicant_users_are_the_active_editors_of_the_organisation(self, org, representative):
        MembershipFactory(role=Role.EXPERT, organisation=None)
        gone = UserFactory(is_active=False)
        MembershipFactory(user=gone, role=Role.ORG_ADMIN, organisation=org)
        MembershipFactory(user=representative, role=Role.ORG_ADMIN, organisation=org)
        assert list(editors_of(org)) == [representative]
