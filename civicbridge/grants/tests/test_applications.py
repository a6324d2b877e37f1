"""Applications: drafts with a version check, structured parts, documents, every submission check, receipt, withdraw."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail as django_mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from freezegun import freeze_time

from civicbridge.accounts.choices import Role
from civicbridge.accounts.selectors import editors_of
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.models import AuditEntry, TransitionHistory
from civicbridge.files.tests.samples import EXE, PDF
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, CallStatus
from civicbridge.grants.selectors.applications import my_applications
from civicbridge.grants.services import applications as svc
from civicbridge.notifications.models import Notification
from civicbridge.registry.tests.factories import OrganisationFactory

from .factories import ApplicationFactory, CallFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def rep(org):
    return MembershipFactory(organisation=org, role=Role.REPRESENTATIVE).user


@pytest.fixture
def call():
    return CallFactory(code="kz-2027-1")


@pytest.fixture
def draft(call, org):
    return ApplicationFactory(call=call, organisation=org)


def pdf(name="charter.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def fields_of(problems):
    return {p.field for p in problems}


# --- creating a draft -------------------------------------------------------------------------------------------


def test_a_representative_starts_a_draft_for_their_own_organisation(call, org, rep):
    application = svc.application_create(actor=rep, call=call, organisation=org, title="  Лагерь  ")
    assert application.status == ApplicationStatus.DRAFT
    assert application.title == "Лагерь"
    assert application.language == "ru"  # the call's first submission language
    assert application.created_by == rep
    assert application.version == 1
    assert list(my_applications(rep)) == [application]


def test_nobody_applies_for_someone_elses_organisation(call, rep):
    with pytest.raises(PermissionDenied):
        svc.application_create(actor=rep, call=call, organisation=OrganisationFactory())
    citizen = UserFactory()
    with pytest.raises(PermissionDenied):
        svc.application_create(actor=citizen, call=call, organisation=OrganisationFactory())


def test_a_draft_cannot_be_started_on_a_closed_or_unpublished_call(org, rep):
    closed = CallFactory(opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError, match="not accepting applications"):
        svc.application_create(actor=rep, call=closed, organisation=org)
    draft_call = CallFactory(status=CallStatus.DRAFT)
    with pytest.raises(ValidationError, match="not accepting applications"):
        svc.application_create(actor=rep, call=draft_call, organisation=org)


def test_one_organisation_has_one_live_application_per_call(call, org, rep):
    svc.application_create(actor=rep, call=call, organisation=org, title="Первая")
    with pytest.raises(ValidationError, match="already has an application"):
        svc.application_create(actor=rep, call=call, organisation=org, title="Вторая")


def test_a_language_the_call_does_not_accept_is_refused(call, org, rep):
    with pytest.raises(ValidationError) as exc:
        svc.application_create(actor=rep, call=call, organisation=org, language="en")
    assert "ru, kk" in exc.value.message_dict["language"][0]


# --- saving a draft ---------------------------------------------------------------------------------------------


def test_a_draft_saves_fields_and_parts_and_bumps_its_version(draft, rep):
    partner = OrganisationFactory()
    saved = svc.application_save_draft(
        actor=rep,
        application=draft,
        version=1,
        title="Новый заголовок",
        summary="Кратко",
        tasks=[{"text": "Задача А"}, {"text": "Задача Б"}],
        activities=[{"title": "Семинар", "starts_on": draft.starts_on, "ends_on": draft.starts_on, "task": 2}],
        indicators=[{"name": "Участники", "unit": "чел.", "target": "40"}],
        partners=[{"organisation": partner, "role": "Площадка"}],
        team=[{"full_name": "Иванова А. Б.", "role": "Руководитель"}],
        budget_lines=[
            {
                "category": "staff",
                "item": "Тренер",
                "unit_cost": "1 000 000,50",
                "quantity": "2",
                "requested": "1800000",
                "cofinancing": "200001",
            }
        ],
    )
    assert saved.version == 2 and draft.version == 2
    saved.refresh_from_db()
    assert saved.title == "Новый заголовок"
    assert [t.text for t in saved.tasks.all()] == ["Задача А", "Задача Б"]
    activity = saved.activities.get()
    assert activity.task.text == "Задача Б"
    assert saved.partners.get().organisation == partner
    assert saved.team.get().full_name == "Иванова А. Б."
    line = saved.budget_lines.get()
    assert line.unit_cost == Decimal("1000000.50")
    # The totals follow the budget lines on every save.
    assert saved.requested_amount == Decimal("1800000") and saved.cofinancing_amount == Decimal("200001")


def test_a_stale_save_is_refused_and_writes_nothing(draft, rep):
    svc.application_save_draft(actor=rep, application=draft, version=1, title="Из первой вкладки")
    with pytest.raises(ValidationError) as exc:
        svc.application_save_draft(actor=rep, application=draft, version=1, title="Из второй вкладки")
    assert exc.value.code == "stale_version"
    assert "saved elsewhere" in exc.value.messages[0]
    draft.refresh_from_db()
    assert draft.title == "Из первой вкладки" and draft.version == 2


def test_saving_the_same_parts_again_writes_no_audit_entries_for_them(draft, rep):
    lines = [
        {
            "category": line.category,
            "item": line.item,
            "unit_cost": line.unit_cost,
            "quantity": line.quantity,
            "requested": line.requested,
            "cofinancing": line.cofinancing,
        }
        for line in draft.budget_lines.all()
    ]
    ids = list(draft.budget_lines.values_list("id", flat=True))
    svc.application_save_draft(actor=rep, application=draft, version=1, budget_lines=lines)  # sets the totals
    before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    svc.application_save_draft(
        actor=rep, application=draft, version=2, budget_lines=lines, tasks=[{"text": "Провести две смены лагеря"}]
    )
    assert list(draft.budget_lines.values_list("id", flat=True)) == ids
    # Only the application itself (its version) changed: no part was deleted and written again.
    written = AuditEntry.objects.filter(id__gt=before)
    assert {e.content_type.model for e in written} == {"application"}
    assert set(written.get().changes) == {"version"}


def test_row_problems_are_reported_by_part_and_row_and_nothing_is_saved(draft, rep):
    with pytest.raises(ValidationError) as exc:
        svc.application_save_draft(
            actor=rep,
            application=draft,
            version=1,
            title="Изменено",
            activities=[{"title": "Без дат", "task": 5}],
            partners=[{"organisation": draft.organisation}],
            budget_lines=[{"category": "staff", "item": "x", "unit_cost": "1", "quantity": "0", "requested": "1"}],
        )
    errors = exc.value.message_dict
    assert "Row 1: give the activity's start and end dates." in errors["activities"]
    assert "Row 1: there is no task number 5." in errors["activities"]
    assert errors["partners"] == ["Row 1: the applicant cannot be its own partner."]
    assert errors["budget_lines"] == ["Row 1: the quantity must be above zero."]
    draft.refresh_from_db()
    assert draft.title != "Изменено" and draft.version == 1


def test_someone_else_cannot_save_the_draft(draft):
    other = MembershipFactory(role=Role.REPRESENTATIVE).user
    with pytest.raises(PermissionDenied):
        svc.application_save_draft(actor=other, application=draft, version=1, title="Чужое")


def test_dates_in_the_wrong_order_are_refused(draft, rep):
    with pytest.raises(ValidationError) as exc:
        svc.application_save_draft(
            actor=rep, application=draft, version=1, starts_on=date(2027, 5, 1), ends_on=date(2027, 4, 1)
        )
    assert "ends_on" in exc.value.message_dict


# --- documents --------------------------------------------------------------------------------------------------


def test_documents_are_checked_by_content_and_replace_their_earlier_version(draft, rep, call):
    charter = m.RequiredDocument.objects.create(call=call, code="charter", name="Устав", name_ru="Устав")
    first = svc.application_attach_document(
        actor=rep, application=draft, uploaded_file=pdf(), required_document=charter
    )
    second = svc.application_attach_document(
        actor=rep, application=draft, uploaded_file=pdf("устав-2.pdf"), required_document=charter
    )
    assert list(draft.documents.all()) == [second]
    assert not m.ApplicationDocument.objects.filter(pk=first.pk).exists()
    assert second.file.purpose == "grants.application" and second.file.owner == draft
    with pytest.raises(ValidationError):
        svc.application_attach_document(
            actor=rep, application=draft, uploaded_file=SimpleUploadedFile("setup.pdf", EXE), required_document=charter
        )
    # The file follows the application's rules: a stranger may not download it, the applicant may.
    stranger = UserFactory()
    assert not stranger.has_perm("files.view_storedfile", second.file)
    assert rep.has_perm("files.view_storedfile", second.file)


def test_a_document_of_another_call_is_refused(draft, rep):
    other = m.RequiredDocument.objects.create(call=CallFactory(), code="x", name="X", name_ru="X")
    with pytest.raises(ValidationError):
        svc.application_attach_document(actor=rep, application=draft, uploaded_file=pdf(), required_document=other)


# --- the checks before submission -------------------------------------------------------------------------------


def test_the_factory_application_passes_every_check(draft):
    assert svc.validate_for_submission(draft) == []


def test_every_missing_field_and_part_is_reported_at_once(call, org):
    empty = ApplicationFactory(
        call=call,
        organisation=org,
        parts=False,
        summary="",
        problem="",
        target_groups="",
        goal="",
        starts_on=None,
        ends_on=None,
    )
    problems = svc.validate_for_submission(empty)
    assert {
        "summary",
        "problem",
        "target_groups",
        "goal",
        "tasks",
        "activities",
        "indicators",
        "starts_on",
        "budget_lines",
    } <= fields_of(problems)
    messages = [p.message for p in problems]
    assert "Fill in “summary”." in messages


def test_a_budget_line_that_does_not_add_up_is_reported_with_its_numbers(draft):
    line = draft.budget_lines.get(item="Вожатые")
    m.BudgetLine.objects.filter(pk=line.pk).update(requested=Decimal("1900000"))
    problems = [p for p in svc.validate_for_submission(draft) if p.field == "budget_lines"]
    assert len(problems) == 1
    assert "Line 1 “Вожатые” does not add up" in problems[0].message
    assert "2,500,000.00" in problems[0].message and "2,400,000.00" in problems[0].message


def test_an_amount_outside_every_band_is_reported(draft):
    m.BudgetLine.objects.filter(application=draft, item="Аренда базы").update(
        unit_cost=Decimal("30000000"), requested=Decimal("30000000")
    )
    problems = [p for p in svc.validate_for_submission(draft) if p.field == "requested_amount"]
    assert len(problems) == 1 and "Малые" in problems[0].message and "Крупные" in problems[0].message


def test_cofinancing_below_the_minimum_is_reported(draft):
    m.Call.objects.filter(pk=draft.call_id).update(min_cofinancing_percent=Decimal("20"))
    draft.call.refresh_from_db()
    problems = [p for p in svc.validate_for_submission(draft) if p.field == "cofinancing_amount"]
    assert len(problems) == 1 and "14.29%" in problems[0].message and "20.00%" in problems[0].message


@pytest.mark.parametrize(
    ("days", "months", "fits"),
    [(89, 3, True), (91, 3, True), (92, 4, True), (365, 12, True), (366, 13, False), (58, 2, False)],
)
def test_the_project_must_fit_one_of_the_calls_durations(draft, days, months, fits):
    starts = date(2027, 3, 1)
    ends = starts + timedelta(days=days)
    assert svc.project_months(starts, ends) == months
    m.Application.objects.filter(pk=draft.pk).update(starts_on=starts, ends_on=ends)
    m.Activity.objects.filter(application=draft).update(starts_on=starts, ends_on=starts)
    draft.refresh_from_db()
    problems = [p for p in svc.validate_for_submission(draft) if p.field == "ends_on"]
    assert (problems == []) is fits
    if not fits:
        assert "Краткосрочный: 3–12 months" in problems[0].message


def test_an_activity_outside_the_project_dates_is_reported(draft):
    m.Activity.objects.filter(application=draft).update(ends_on=draft.ends_on + timedelta(days=1))
    assert "activities" in fields_of(svc.validate_for_submission(draft))


def test_a_missing_mandatory_document_and_a_wrong_language_are_reported(draft, call):
    m.RequiredDocument.objects.create(call=call, code="charter", name="Устав", name_ru="Устав")
    m.RequiredDocument.objects.create(call=call, code="letters", name="Письма", name_ru="Письма", mandatory=False)
    m.Application.objects.filter(pk=draft.pk).update(language="en")
    draft.refresh_from_db()
    problems = svc.validate_for_submission(draft)
    assert [p.message for p in problems if p.field == "documents"] == ["Attach “Устав”."]
    assert "language" in fields_of(problems)


# --- submitting -------------------------------------------------------------------------------------------------


def test_submitting_gives_a_receipt_a_snapshot_a_band_history_and_a_notification(
    draft, rep, call, django_capture_on_commit_callbacks
):
    colleague = MembershipFactory(organisation=draft.organisation, role=Role.ORG_ADMIN).user
    assert set(editors_of(draft.organisation)) == {rep, colleague}
    with django_capture_on_commit_callbacks(execute=True):
        submitted = svc.application_submit(actor=rep, application=draft)
    assert submitted.status == ApplicationStatus.SUBMITTED == draft.status
    assert submitted.receipt_number == "KZ-2027-1-00001"
    assert submitted.band.name == "Малые"
    assert submitted.requested_amount == Decimal("3000000") and submitted.cofinancing_amount == Decimal("500000")
    assert submitted.submitted_at is not None
    snap = submitted.snapshot
    assert snap["receipt_number"] == "KZ-2027-1-00001" and snap["call"]["code"] == "kz-2027-1"
    assert [b["total"] for b in snap["budget_lines"]] == ["2500000.00", "1000000.00"]
    assert snap["activities"][0]["task"] == 1 and snap["currency"] == "KZT"
    history = TransitionHistory.objects.get(object_id=submitted.pk, action="submit")
    assert (history.source, history.target, history.actor) == ("draft", "submitted", rep)
    assert set(
        Notification.objects.filter(event="grants.application_received").values_list("recipient", flat=True)
    ) == {
        rep.pk,
        colleague.pk,
    }
    receipts = [mail for mail in django_mail.outbox if "KZ-2027-1-00001" in mail.body]
    assert sorted(mail.to[0] for mail in receipts) == sorted([rep.email, colleague.email])
    call.refresh_from_db()
    assert call.receipt_sequence == 1
    second = ApplicationFactory(call=call)
    second_rep = MembershipFactory(organisation=second.organisation).user
    assert svc.application_submit(actor=second_rep, application=second).receipt_number == "KZ-2027-1-00002"


def test_a_submitted_application_is_frozen(draft, rep):
    svc.application_submit(actor=rep, application=draft)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        svc.application_save_draft(actor=rep, application=draft, version=draft.version, title="Позже")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        svc.application_attach_document(actor=rep, application=draft, uploaded_file=pdf())
    with pytest.raises(ValidationError):
        svc.application_submit(actor=rep, application=draft)


def test_a_refused_submission_lists_every_problem_and_consumes_no_receipt_number(draft, rep, call):
    m.BudgetLine.objects.filter(application=draft, item="Вожатые").update(requested=Decimal("1"))
    m.Application.objects.filter(pk=draft.pk).update(goal="")
    with pytest.raises(ValidationError) as exc:
        svc.application_submit(actor=rep, application=draft)
    assert {"budget_lines", "goal"} <= set(exc.value.message_dict)
    call.refresh_from_db()
    draft.refresh_from_db()
    assert call.receipt_sequence == 0 and draft.status == ApplicationStatus.DRAFT and draft.receipt_number is None


def test_only_the_applicant_submits(draft):
    runner = MembershipFactory(organisation=draft.call.programme.funder, role=Role.OPERATOR).user
    with pytest.raises(PermissionDenied):
        svc.application_submit(actor=runner, application=draft)


def test_deadline_edges_to_the_second(draft, rep, call):
    with freeze_time(call.closes_at):
        with pytest.raises(ValidationError) as exc:
            svc.application_submit(actor=rep, application=draft)
        assert "call" in exc.value.message_dict
    with freeze_time(call.closes_at - timedelta(seconds=1)):
        assert svc.application_submit(actor=rep, application=draft).status == ApplicationStatus.SUBMITTED


# --- withdrawing ------------------------------------------------------------------------------------------------


def test_withdraw_before_the_close_but_not_after(draft, rep, call):
    svc.application_submit(actor=rep, application=draft)
    with freeze_time(call.closes_at), pytest.raises(ValidationError, match="closed"):
        svc.application_withdraw(actor=rep, application=draft, reason="Передумали")
    with freeze_time(call.closes_at - timedelta(seconds=1)):
        withdrawn = svc.application_withdraw(actor=rep, application=draft, reason="Передумали")
    assert withdrawn.status == ApplicationStatus.WITHDRAWN
    # After withdrawing, the organisation may start again.
    assert svc.application_create(actor=rep, call=call, organisation=draft.organisation).is_draft


def test_a_draft_is_not_withdrawn_and_others_cannot_withdraw(draft, rep):
    with pytest.raises(ValidationError, match="nothing to withdraw"):
        svc.application_withdraw(actor=rep, application=draft)
    svc.application_submit(actor=rep, application=draft)
    with pytest.raises(PermissionDenied):
        svc.application_withdraw(actor=UserFactory(), application=draft)


def test_a_draft_can_be_deleted_with_its_documents(draft, rep):
    document = svc.application_attach_document(actor=rep, application=draft, uploaded_file=pdf())
    stored_pk = document.file_id
    svc.application_delete_draft(actor=rep, application=draft)
    assert not m.Application.objects.filter(pk=draft.pk).exists()
    from civicbridge.files.models import StoredFile

    assert not StoredFile.objects.filter(pk=stored_pk).exists()


def test_garbage_from_an_api_client_is_refused_in_words_not_with_a_database_error(draft, rep):
    with pytest.raises(ValidationError) as exc:
        svc.application_save_draft(
            actor=rep,
            application=draft,
            version=1,
            title="x" * 301,
            language="xx-long",
            region="NOWHERE",
            starts_on="31.02.2027",
            activities=[{"title": "a", "starts_on": "2027-01-01", "ends_on": "2027-01-02", "task": "первая"}],
            indicators=[{"name": "n", "target": "NaN"}],
            partners=[{"organisation": "abc"}, {"organisation": 10**40}],
            team=[{"full_name": "A", "role": "B", "person": "x"}],
            budget_lines=[
                {"category": "staff", "item": "i", "unit_cost": "1e20", "quantity": "1", "requested": "1e20"},
                {"category": "nope", "item": "", "unit_cost": "Infinity", "quantity": "1", "requested": "1"},
            ],
        )
    errors = exc.value.message_dict
    assert set(errors) >= {
        "title",
        "language",
        "region",
        "starts_on",
        "activities",
        "indicators",
        "partners",
        "budget_lines",
    }
    assert "Row 1: an amount is too large." in errors["budget_lines"]
    assert "Row 2: choose a category." in errors["budget_lines"]
    draft.refresh_from_db()
    assert draft.version == 1
