"""Operator pages: the calls they run, creating a programme, creating and editing a call with its parts and a preset,
the call's buttons, and screening (run, see every check, override). Permissions and query counts."""

from __future__ import annotations

from datetime import UTC, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.workflow import history_for
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, CallStatus
from civicbridge.registry.tests.factories import OrganisationFactory

from .factories import ApplicationFactory, CallFactory, ProgrammeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CALLS_URL = reverse("grants:operator-calls")


@pytest.fixture
def programme():
    return ProgrammeFactory(budget=Decimal("100000000"))


@pytest.fixture
def runner(programme):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.OPERATOR, organisation=programme.funder)
    return user


@pytest.fixture
def runner_client(client, runner):
    client.force_login(runner)
    return client


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def call_post(**overrides) -> dict[str, str]:
    """What the new-call page posts: the call, two bands, a term, a document, the simple preset (Almaty times)."""
    data = {
        "code": "kz-2027-1",
        "name_ru": "Гранты для НПО 2027",
        "opens_at": "2030-01-10T09:00",
        "closes_at": "2030-02-10T18:00",
        "budget": "50000000",
        "min_cofinancing_percent": "10",
        "submission_languages": ["ru", "kk"],
        "refuse_overdue_reports": "on",
        "experts_per_application": "2",
        "divergence_threshold": "25",
        "rubric_preset": "simple",
        **management("bands", 2),
        "bands-0-name_ru": "Малые",
        "bands-0-min_amount": "1000000",
        "bands-0-max_amount": "5000000",
        "bands-0-pass_mark": "60",
        "bands-1-name_ru": "Крупные",
        "bands-1-min_amount": "5000000.01",
        "bands-1-max_amount": "20000000",
        "bands-1-pass_mark": "70",
        **management("terms", 1),
        "terms-0-name_ru": "Краткосрочный",
        "terms-0-min_months": "3",
        "terms-0-max_months": "12",
        **management("criteria", 0),
        **management("documents", 1),
        "documents-0-code": "charter",
        "documents-0-name_ru": "Устав",
        "documents-0-mandatory": "on",
    }
    data.update(overrides)
    return data


def submitted(call, **kwargs):
    n = m.Application.objects.count() + 1
    values = {"status": ApplicationStatus.SUBMITTED, "submitted_at": timezone.now(), **kwargs}
    return ApplicationFactory(call=call, receipt_number=f"{call.code.upper()}-{n:05d}", **values)


# --- The operator's calls ---------------------------------------------------------------------------------------


class TestOperatorCalls:
    def test_lists_only_the_calls_of_programmes_the_user_runs(self, runner_client, programme):
        mine = CallFactory(programme=programme, code="mine")
        CallFactory(code="theirs")
        submitted(mine)
        ApplicationFactory(call=mine)
        response = runner_client.get(CALLS_URL)
        assert response.status_code == 200
        rows = list(response.context["page_obj"].object_list)
        assert [c.code for c in rows] == ["mine"]
        assert (rows[0].submitted_count, rows[0].waiting_count) == (1, 1)

    def test_query_count_does_not_grow_with_calls(self, runner_client, programme, django_assert_max_num_queries):
        for i in range(30):
            CallFactory(programme=programme, code=f"c-{i}", setup=False)
        with django_assert_max_num_queries(12):
            response = runner_client.get(CALLS_URL)
        assert len(response.context["page_obj"].object_list) == 20

    def test_status_filter(self, runner_client, programme):
        CallFactory(programme=programme, code="draft", status=CallStatus.DRAFT)
        CallFactory(programme=programme, code="live")
        response = runner_client.get(CALLS_URL, {"status": "draft"})
        assert [c.code for c in response.context["page_obj"].object_list] == ["draft"]

    def test_anonymous_goes_to_sign_in_and_others_are_forbidden(self, client, representative, citizen):
        assert client.get(CALLS_URL).status_code == 302
        for user in (representative, citizen):
            client.force_login(user)
            assert client.get(CALLS_URL).status_code == 403


# --- Programmes -------------------------------------------------------------------------------------------------


class TestProgrammeCreate:
    def test_creates_a_programme_for_the_runners_organisation(self, client):
        ministry = OrganisationFactory(kind="state_body")
        user = UserFactory()
        MembershipFactory(user=user, role=Role.OFFICIAL, organisation=ministry)
        client.force_login(user)
        page = client.get(reverse("grants:programme-create"))
        assert list(page.context["form"].fields["funder"].queryset) == [ministry]
        response = client.post(
            reverse("grants:programme-create"),
            {
                "name_ru": "Гранты для НПО",
                "funder": ministry.pk,
                "instrument": "grant",
                "level": "national",
                "currency": "KZT",
                "budget": "1000000000",
            },
        )
        programme = m.Programme.objects.get()
        assert response.status_code == 302 and response.url == reverse("grants:call-create", args=[programme.pk])
        assert programme.funder == ministry

    def test_errors_are_shown_on_the_form(self, client, runner, programme):
        client.force_login(runner)
        response = client.post(reverse("grants:programme-create"), {"name_ru": "", "budget": "-5"})
        assert response.status_code == 200
        assert {"name_ru", "funder", "budget"} <= set(response.context["form"].errors)
        assert "govuk-error-summary" in response.content.decode()

    def test_not_for_citizens(self, client, citizen):
        client.force_login(citizen)
        assert client.get(reverse("grants:programme-create")).status_code == 403


class TestProgrammeEdit:
    def test_edits_everything_but_the_funder(self, runner_client, programme):
        url = reverse("grants:programme-edit", args=[programme.pk])
        page = runner_client.get(url)
        assert page.status_code == 200 and page.context["form"].fields["funder"].disabled
        data = {
            "name_ru": "Переименована",
            "funder": OrganisationFactory().pk,  # ignored: the field is disabled
            "instrument": "award",
            "level": "regional",
            "currency": "KZT",
            "budget": "5000",
        }
        response = runner_client.post(url, data)
        assert response.status_code == 302
        funder = programme.funder_id
        programme.refresh_from_db()
        assert (programme.name_ru, programme.instrument, programme.funder_id) == ("Переименована", "award", funder)
        assert not programme.is_active  # the box was not ticked

    def test_the_currency_is_refused_on_the_form_once_calls_exist(self, runner_client, programme):
        CallFactory(programme=programme)
        data = {"name_ru": "X", "instrument": "grant", "level": "national", "currency": "RUB", "budget": "5"}
        response = runner_client.post(reverse("grants:programme-edit", args=[programme.pk]), data)
        assert response.status_code == 200 and "currency" in response.context["form"].errors

    def test_not_for_other_runners(self, client, programme):
        other = UserFactory()
        MembershipFactory(user=other, role=Role.OPERATOR, organisation=OrganisationFactory())
        client.force_login(other)
        assert client.get(reverse("grants:programme-edit", args=[programme.pk])).status_code == 403


# --- Creating and editing calls ---------------------------------------------------------------------------------


class TestCallCreate:
    def test_creates_a_draft_with_parts_and_a_preset_reading_times_in_the_viewers_zone(self, runner_client, programme):
        url = reverse("grants:call-create", args=[programme.pk])
        assert runner_client.get(url).status_code == 200
        response = runner_client.post(url, call_post())
        call = m.Call.objects.get()
        assert response.status_code == 302 and response.url == reverse("grants:call-edit", args=[call.code])
        assert call.status == CallStatus.DRAFT
        assert call.bands.count() == 2 and call.duration_terms.count() == 1 and call.criteria.count() == 5
        assert call.required_documents.get().code == "charter"
        # 18:00 in Almaty (the runner's zone, the default) is 13:00 UTC.
        assert call.closes_at.astimezone(UTC).hour == 13

    def test_service_refusals_come_back_on_the_form(self, runner_client, programme):
        url = reverse("grants:call-create", args=[programme.pk])
        response = runner_client.post(
            url, call_post(**{"bands-1-min_amount": "4000000", "closes_at": "2030-01-01T09:00"})
        )
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert "closes_at" in errors
        assert any("overlap" in e for e in errors["__all__"])
        assert not m.Call.objects.exists()

    def test_explicit_criteria_without_a_preset(self, runner_client, programme):
        data = call_post(
            rubric_preset="",
            **management("criteria", 1),
            **{
                "criteria-0-name_ru": "Актуальность",
                "criteria-0-weight": "2",
                "criteria-0-scale_min": "0",
                "criteria-0-scale_max": "10",
            },
        )
        runner_client.post(reverse("grants:call-create", args=[programme.pk]), data)
        assert list(m.Call.objects.get().criteria.values_list("name_ru", "weight")) == [("Актуальность", Decimal(2))]

    def test_only_the_programmes_runners(self, client, programme, citizen):
        url = reverse("grants:call-create", args=[programme.pk])
        other = UserFactory()
        MembershipFactory(user=other, role=Role.OPERATOR, organisation=OrganisationFactory())
        for user in (citizen, other):
            client.force_login(user)
            assert client.post(url, call_post()).status_code == 403
        assert not m.Call.objects.exists()


class TestCallEdit:
    def test_the_edit_page_shows_buttons_and_saves_changes(self, runner_client, programme):
        runner_client.post(reverse("grants:call-create", args=[programme.pk]), call_post())
        call = m.Call.objects.get()
        url = reverse("grants:call-edit", args=[call.code])
        page = runner_client.get(url)
        assert page.status_code == 200
        assert set(page.context["actions"]) == {"publish", "cancel"}
        bands = list(call.bands.all())
        data = call_post(
            name_ru="Новое имя",
            **management("bands", 2, initial=2),
            **{"bands-0-id": str(bands[0].pk), "bands-1-id": str(bands[1].pk), "bands-1-DELETE": "on"},
            **{"terms-0-id": str(call.duration_terms.get().pk), "terms-INITIAL_FORMS": "1"},
            **{"documents-0-id": str(call.required_documents.get().pk), "documents-INITIAL_FORMS": "1"},
            rubric_preset="",
            **management("criteria", 0),
        )
        response = runner_client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
        call.refresh_from_db()
        assert call.name_ru == "Новое имя" and [b.pk for b in call.bands.all()] == [bands[0].pk]
        assert call.criteria.count() == 0  # the criteria formset was empty and no preset kept them

    def test_frozen_rules_are_listed_and_refused(self, runner_client, programme):
        call = CallFactory(programme=programme, code="live")
        submitted(call)
        page = runner_client.get(reverse("grants:call-edit", args=[call.code]))
        assert page.context["locked"]
        data = call_post(code="live", min_cofinancing_percent="50")
        response = runner_client.post(reverse("grants:call-edit", args=[call.code]), data)
        assert response.status_code == 200
        assert "min_cofinancing_percent" in response.context["form"].errors

    def test_publish_and_cancel_buttons(self, runner_client, programme):
        runner_client.post(reverse("grants:call-create", args=[programme.pk]), call_post())
        call = m.Call.objects.get()
        action = reverse("grants:call-action", args=[call.code])
        response = runner_client.post(action, {"action": "publish"})
        assert response.status_code == 302
        call.refresh_from_db()
        assert call.status == CallStatus.PUBLISHED
        # Starting the review before the close is refused, with the reason shown.
        response = runner_client.post(action, {"action": "start_review"}, follow=True)
        assert "start the review after it closes" in response.content.decode()
        runner_client.post(action, {"action": "cancel", "reason": ""})
        call.refresh_from_db()
        assert call.status == CallStatus.PUBLISHED
        runner_client.post(action, {"action": "cancel", "reason": "Сокращение бюджета"})
        call.refresh_from_db()
        assert call.status == CallStatus.CANCELLED
        assert [h.action for h in history_for(call)] == ["publish", "cancel"]

    def test_outsiders_cannot_edit_or_act(self, client, citizen, programme):
        call = CallFactory(programme=programme)
        client.force_login(citizen)
        assert client.get(reverse("grants:call-edit", args=[call.code])).status_code == 403
        assert client.post(reverse("grants:call-action", args=[call.code]), {"action": "cancel"}).status_code == 403


# --- Screening --------------------------------------------------------------------------------------------------


class TestScreening:
    def test_run_screening_then_see_every_check(self, runner_client, programme):
        call = CallFactory(programme=programme)
        m.Call.objects.filter(pk=call.pk).update(eligible_kinds=["ngo"])
        good, bad = submitted(call), submitted(call, organisation=OrganisationFactory(kind="business"))
        url = reverse("grants:call-screening", args=[call.code])
        page = runner_client.get(url)
        assert page.context["counts"]["submitted"] == 2
        response = runner_client.post(url)
        assert response.status_code == 302
        good.refresh_from_db()
        bad.refresh_from_db()
        assert (good.status, bad.status) == (ApplicationStatus.ELIGIBLE, ApplicationStatus.INELIGIBLE)
        body = runner_client.get(url).content.decode()
        assert "not one the call accepts" in body and body.count('class="govuk-table__row"') >= 2 * 9

    def test_screening_goes_in_batches_and_says_what_remains(self, runner_client, programme, settings):
        settings.GRANTS_SCREENING_BATCH = 2
        call = CallFactory(programme=programme)
        for _ in range(3):
            submitted(call)
        url = reverse("grants:call-screening", args=[call.code])
        response = runner_client.post(url, follow=True)
        assert response.context["counts"]["submitted"] == 1
        assert "1 more wait" in response.content.decode()
        runner_client.post(url)
        assert runner_client.get(url).context["counts"]["submitted"] == 0

    def test_query_count_does_not_grow_with_applications(self, runner_client, programme, django_assert_max_num_queries):
        call = CallFactory(programme=programme)
        for _ in range(6):
            submitted(call)
        runner_client.post(reverse("grants:call-screening", args=[call.code]))
        with django_assert_max_num_queries(12):
            response = runner_client.get(reverse("grants:call-screening", args=[call.code]))
        assert len(response.context["page_obj"].object_list) == 6

    def test_override_with_a_reason(self, runner_client, programme):
        call = CallFactory(programme=programme)
        application = submitted(call, organisation=OrganisationFactory(status="suspended"))
        runner_client.post(reverse("grants:call-screening", args=[call.code]))
        url = reverse("grants:eligibility-override", args=[application.pk])
        runner_client.post(url, {"eligible": "1", "reason": ""})
        application.refresh_from_db()
        assert application.status == ApplicationStatus.INELIGIBLE
        response = runner_client.post(url, {"eligible": "1", "reason": "Статус восстановлен"})
        assert response.status_code == 302 and response.url.endswith(f"#application-{application.pk}")
        application.refresh_from_db()
        assert application.status == ApplicationStatus.ELIGIBLE
        assert list(history_for(application))[-1].reason == "Статус восстановлен"
        page = runner_client.get(reverse("grants:call-screening", args=[call.code]))
        assert [row.reason for row in page.context["page_obj"].object_list[0].overrides] == ["Статус восстановлен"]
        assert "Статус восстановлен" in page.content.decode()

    def test_applicants_and_other_runners_cannot_screen_or_override(self, client, programme):
        call = CallFactory(programme=programme)
        application = submitted(call)
        applicant = UserFactory()
        MembershipFactory(user=applicant, role=Role.REPRESENTATIVE, organisation=application.organisation)
        other = UserFactory()
        MembershipFactory(user=other, role=Role.OPERATOR, organisation=OrganisationFactory())
        for user in (applicant, other):
            client.force_login(user)
            assert client.get(reverse("grants:call-screening", args=[call.code])).status_code == 403
            assert client.post(reverse("grants:call-screening", args=[call.code])).status_code == 403
            url = reverse("grants:eligibility-override", args=[application.pk])
            assert client.post(url, {"eligible": "0", "reason": "x"}).status_code == 403
        application.refresh_from_db()
        assert application.status == ApplicationStatus.SUBMITTED

    def test_a_cancelled_call_cannot_be_screened(self, runner_client, programme):
        call = CallFactory(programme=programme, status=CallStatus.CANCELLED, closes_at=timezone.now() + timedelta(1))
        submitted(call)
        response = runner_client.post(reverse("grants:call-screening", args=[call.code]), follow=True)
        assert "cannot be screened" in response.content.decode()


def test_times_posted_back_unchanged_keep_their_seconds(programme):
    """The inputs show minutes: re-saving must not 'change' a stored opening time that has seconds."""
    from civicbridge.grants.forms.calls import CallForm

    call = CallFactory(programme=programme)
    assert call.opens_at.microsecond or call.opens_at.second  # the factory's times are not on the minute
    with timezone.override("Asia/Almaty"):
        form = CallForm(call=call)
        data = {name: form[name].value() for name in form.fields}
        data["opens_at"] = timezone.localtime(call.opens_at).strftime("%Y-%m-%dT%H:%M")
        data["closes_at"] = timezone.localtime(call.closes_at).strftime("%Y-%m-%dT%H:%M")
        data["review_deadline"] = timezone.localtime(call.review_deadline).strftime("%Y-%m-%dT%H:%M")
        data = {k: v for k, v in data.items() if v is not None}
        for name in CallForm.SETS:
            data[name] = [obj.pk for obj in data.get(name, [])]
        bound = CallForm(data, call=call)
        assert bound.is_valid(), bound.errors
        fields = bound.service_fields()
    assert fields["opens_at"] == call.opens_at and fields["closes_at"] == call.closes_at


def _as_posted(page) -> dict:
    """What a browser would post back from the edit page unchanged: the form's and the formsets' shown values."""
    data: dict = {}

    def put(name, value):
        if value is None or value is False:
            return
        if hasattr(value, "hour"):  # as the datetime-local input shows it: minutes, in the viewer's zone
            data[name] = value.strftime("%Y-%m-%dT%H:%M")
        elif value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = str(value)

    form = page.context["form"]
    with timezone.override("Asia/Almaty"):  # the runner's zone, in which the page was rendered
        for name in form.fields:
            put(name, form[name].value())
    for _kind, _label, formset in page.context["formsets"]:
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = str(value)
        for row in formset.forms:
            for name in row.fields:
                put(row.add_prefix(name), row[name].value())
    return data


def test_a_frozen_call_saves_from_its_own_page_unchanged_but_for_a_text(runner_client, programme):
    """After submissions an operator still fixes a typo through the page: every shown value posts back unchanged."""
    call = CallFactory(programme=programme)
    m.RequiredDocument.objects.create(call=call, code="charter", name_ru="Устав", name="Устав")
    submitted(call)
    url = reverse("grants:call-edit", args=[call.code])
    data = _as_posted(runner_client.get(url))
    data["description_ru"] = "Исправлена опечатка"
    response = runner_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    call.refresh_from_db()
    assert call.description_ru == "Исправлена опечатка" and call.bands.count() == 2
