"""The grants API (/api/v1/grants/): what each person reads and writes, refusals in words, the answers' shapes
against the OpenAPI schema, and query counts that do not grow with the rows."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

from civicbridge.files.tests.samples import EXE, PDF
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, CallStatus, Outcome, ReviewStatus
from civicbridge.registry.tests.factories import OrganisationFactory, RegionFactory, ThemeFactory

from . import api_support
from .api_support import API, URLS, Cast, client_for, submitted
from .factories import ApplicationFactory, CallFactory, ExpertProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]


@pytest.fixture
def cast() -> Cast:
    return Cast()


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def codes(response) -> list[str]:
    return [row["code"] for row in response.json()["results"]]


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def errors(response) -> dict[str, list[str]]:
    body = response.json()
    assert set(body) == {"detail", "errors"}, body
    return body["errors"]


def all_messages(response) -> str:
    return " ".join(message for messages in errors(response).values() for message in messages)


# --- calls ----------------------------------------------------------------------------------------------------------


class TestCalls:
    def test_the_public_reads_every_call_but_drafts(self, cast):
        listed = codes(client_for().get(f"{API}/calls/"))
        assert set(listed) == {cast.call.code, cast.second_call.code, cast.other_call.code}
        assert client_for().get(f"{API}/calls/{cast.draft_call.code}/").status_code == 404
        assert client_for(cast.other_runner).get(f"{API}/calls/{cast.draft_call.code}/").status_code == 404

    @pytest.mark.parametrize("role", ["runner", "admin"])
    def test_those_who_run_a_programme_also_see_its_drafts(self, cast, role):
        client = client_for(cast.user(role))
        assert cast.draft_call.code in codes(client.get(f"{API}/calls/"))
        detail = client.get(f"{API}/calls/{cast.draft_call.code}/").json()
        assert detail["status"] == "draft" and detail["phase"] == "upcoming"

    def test_detail_carries_what_an_applicant_needs(self, cast):
        m.RequiredDocument.objects.create(call=cast.call, code="charter", name_ru="Устав", name="Устав")
        cast.call.eligible_regions.add(RegionFactory(code="KZ-75"))
        data = client_for().get(f"{API}/calls/{cast.call.code}/").json()
        assert [b["pass_mark"] for b in data["bands"]] == ["60.00", "70.00"]
        assert data["duration_terms"][0]["min_months"] == 3
        assert [c["weight"] for c in data["criteria"]] == ["2.00", "1.00", "1.00"]
        assert data["required_documents"] == [
            {"id": data["required_documents"][0]["id"], "code": "charter", "name": "Устав", "mandatory": True}
        ]
        assert data["eligibility"]["regions"] == ["KZ-75"]
        assert data["currency"] == "KZT" and data["budget"] == "50000000.00"
        assert data["phase"] == "open"

    def test_phase_follows_the_clock_to_the_second(self, cast):
        now = timezone.now()
        upcoming = CallFactory(programme=cast.programme, opens_at=now + timedelta(days=1))
        closed = CallFactory(programme=cast.programme, opens_at=now - timedelta(days=9), closes_at=now - timedelta(1))
        client = client_for()
        assert set(codes(client.get(f"{API}/calls/", {"phase": "upcoming"}))) == {upcoming.code}
        assert set(codes(client.get(f"{API}/calls/", {"phase": "closed"}))) == {closed.code}
        assert closed.code not in codes(client.get(f"{API}/calls/", {"phase": "open"}))
        for row in client.get(f"{API}/calls/").json()["results"]:
            assert row["phase"] == m.Call.objects.get(code=row["code"]).phase()

    def test_filters(self, cast):
        theme = ThemeFactory(code="inclusion")
        cast.call.themes.add(theme)
        client = client_for()
        assert codes(client.get(f"{API}/calls/", {"theme": "inclusion"})) == [cast.call.code]
        assert set(codes(client.get(f"{API}/calls/", {"programme": cast.programme.pk}))) == {
            cast.call.code,
            cast.second_call.code,
        }
        assert codes(client.get(f"{API}/calls/", {"q": cast.other_call.code})) == [cast.other_call.code]
        response = client.get(f"{API}/calls/", {"status": "nonsense"})
        assert response.status_code == 400 and "status" in errors(response)

    def test_runner_creates_a_draft_call_with_a_preset_rubric(self, cast):
        now = timezone.now()
        payload = {
            "programme": cast.programme.pk,
            "code": "kz-2027-1",
            "name_ru": "Гранты 2027",
            "opens_at": (now + timedelta(days=1)).isoformat(),
            "closes_at": (now + timedelta(days=30)).isoformat(),
            "budget": "100000000.00",
            "submission_languages": ["ru", "kk"],
            "bands": [{"name_ru": "Малые", "min_amount": "1000000", "max_amount": "5000000", "pass_mark": "60"}],
            "terms": [{"name_ru": "Краткосрочный", "min_months": 3, "max_months": 12}],
            "rubric_preset": "simple",
        }
        response = client_for(cast.runner).post(f"{API}/calls/", payload, format="json")
        assert response.status_code == 201, response.json()
        data = response.json()
        assert data["status"] == "draft" and data["code"] == "kz-2027-1"
        assert data["criteria"] and data["bands"][0]["name"] == "Малые"
        assert client_for(cast.other_runner).post(f"{API}/calls/", payload, format="json").status_code == 403
        assert client_for(cast.citizen).post(f"{API}/calls/", payload, format="json").status_code == 403
        assert client_for().post(f"{API}/calls/", payload, format="json").status_code == 401

    def test_a_call_that_does_not_add_up_is_refused_with_reasons(self, cast):
        payload = {
            "programme": cast.programme.pk,
            "code": "bad",
            "name_ru": "Плохой",
            "opens_at": timezone.now().isoformat(),
            "closes_at": (timezone.now() - timedelta(days=1)).isoformat(),
            "budget": "1",
            "bands": [{"name_ru": "A", "min_amount": "10", "max_amount": "5", "pass_mark": "60"}],
        }
        response = client_for(cast.runner).post(f"{API}/calls/", payload, format="json")
        assert response.status_code == 400
        assert "bands" in errors(response)
        assert not m.Call.objects.filter(code="bad").exists()

    def test_runner_edits_and_others_may_not(self, cast):
        url = f"{API}/calls/{cast.call.code}/"
        response = client_for(cast.runner).patch(url, {"description_ru": "Новое описание"}, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["description_ru"] == "Новое описание"
        assert client_for(cast.other_runner).patch(url, {"description_ru": "x"}, format="json").status_code == 403
        assert client_for(cast.applicant_a).patch(url, {"description_ru": "x"}, format="json").status_code == 403
        assert client_for().patch(url, {"description_ru": "x"}, format="json").status_code == 401
        cast.call.refresh_from_db()
        assert cast.call.description_ru == "Новое описание"

    def test_workflow_actions(self, cast):
        runner = client_for(cast.runner)
        published = runner.post(f"{API}/calls/{cast.draft_call.code}/publish/")
        assert published.status_code == 200, published.json()
        assert published.json()["status"] == "published"
        still_open = runner.post(f"{API}/calls/{cast.call.code}/start-review/")
        assert still_open.status_code == 400 and "closes" not in still_open.json()  # a message, not a crash
        no_reason = runner.post(f"{API}/calls/{cast.second_call.code}/cancel/", {}, format="json")
        assert no_reason.status_code == 400 and "reason" in errors(no_reason)
        cancelled = runner.post(f"{API}/calls/{cast.second_call.code}/cancel/", {"reason": "Нет бюджета"})
        assert cancelled.json()["status"] == "cancelled"
        assert (
            client_for(cast.other_runner).post(f"{API}/calls/{cast.call.code}/cancel/", {"reason": "x"}).status_code
            == 403
        )

    def test_refusals_come_in_the_users_language(self, cast):
        url = f"{API}/calls/{cast.call.code}/"
        for language, text in (("ru", "прав"), ("en", "permission")):
            refused = client_for(cast.citizen, language=language).patch(url, {"name_ru": "x"}, format="json")
            assert refused.status_code == 403 and text in refused.json()["detail"]
        invalid = client_for(cast.runner, language="kk").post(f"{API}/calls/{cast.second_call.code}/cancel/", {})
        assert invalid.json()["detail"] == "Жіберілген деректерде қателер бар." and "reason" in errors(invalid)
        english = client_for(cast.runner, language="en").post(f"{API}/calls/{cast.call.code}/start-review/")
        assert "start the review after it closes" in all_messages(english)


class TestProgrammes:
    def test_public_read_and_runner_write(self, cast):
        assert cast.programme.pk in ids(client_for().get(f"{API}/programmes/"))
        payload = {
            "name_ru": "Новая программа",
            "funder": cast.programme.funder_id,
            "budget": "1000",
            "currency": "KZT",
        }
        created = client_for(cast.runner).post(f"{API}/programmes/", payload, format="json")
        assert created.status_code == 201, created.json()
        assert created.json()["funder"] == cast.programme.funder_id
        other = client_for(cast.other_runner).post(f"{API}/programmes/", payload, format="json")
        assert other.status_code == 403
        assert client_for(cast.citizen).post(f"{API}/programmes/", payload, format="json").status_code == 403


# --- applications ---------------------------------------------------------------------------------------------------


def _parts() -> dict[str, Any]:
    start = timezone.localdate() + timedelta(days=40)
    return {
        "summary": "Курсы цифровой грамотности для пожилых",
        "problem": "Пожилые люди не умеют пользоваться госуслугами онлайн.",
        "target_groups": "Пенсионеры района",
        "goal": "Обучить 200 человек",
        "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=180)).isoformat(),
        "tasks": [{"text": "Набрать группы"}, {"text": "Провести занятия"}],
        "activities": [
            {
                "task": 2,
                "title": "Занятия",
                "starts_on": start.isoformat(),
                "ends_on": (start + timedelta(60)).isoformat(),
            }
        ],
        "indicators": [{"name": "Обучено", "unit": "чел.", "target": "200"}],
        "team": [{"full_name": "Иванова Анна", "role": "руководитель"}],
        "budget_lines": [
            {
                "category": "staff",
                "item": "Преподаватели",
                "unit_cost": "300000",
                "quantity": "10",
                "requested": "2500000",
                "cofinancing": "500000",
            }
        ],
    }


class TestApplications:
    def test_each_sees_only_what_the_rules_allow(self, cast):
        seen = {role: ids(client_for(cast.user(role)).get(f"{API}/applications/")) for role in Cast.ROLES[1:]}
        a, b, reviewed = cast.draft_a.pk, cast.draft_b.pk, cast.reviewed_a.pk
        assert seen["applicant_a"] == {a, reviewed}
        assert seen["applicant_b"] == {b}
        assert seen["expert"] == {reviewed}
        assert seen["runner"] == seen["admin"] == {a, b, reviewed}
        assert seen["citizen"] == seen["other_expert"] == seen["other_runner"] == set()
        assert client_for().get(f"{API}/applications/").status_code == 401
        assert client_for(cast.applicant_b).get(f"{API}/applications/{a}/").status_code == 404

    def test_no_score_review_or_expert_reaches_the_applicant_or_an_expert(self, cast):
        m.Application.objects.filter(pk=cast.reviewed_a.pk).update(score=Decimal("87.50"), review_count=2)
        cast.review.comment = "Секретный комментарий эксперта"
        cast.review.save(update_fields=["comment"])
        for role in ("applicant_a", "expert"):
            body = client_for(cast.user(role)).get(f"{API}/applications/{cast.reviewed_a.pk}/").json()
            text = json.dumps(body, ensure_ascii=False)
            assert not {"score", "review_count", "reviews", "expert"} & set(body)
            assert "87.5" not in text and "Секретный" not in text and cast.expert.email not in text

    def test_create_a_draft_with_its_parts(self, cast):
        payload = {"call": cast.second_call.code, "organisation": cast.org_a.pk, "title": "Цифровая грамотность"}
        response = client_for(cast.applicant_a).post(f"{API}/applications/", {**payload, **_parts()}, format="json")
        assert response.status_code == 201, response.json()
        data = response.json()
        assert data["status"] == "draft" and data["call"] == cast.second_call.code
        assert [t["text"] for t in data["tasks"]] == ["Набрать группы", "Провести занятия"]
        assert data["activities"][0]["task"] == 2
        assert data["requested_amount"] == "2500000.00" and data["cofinancing_amount"] == "500000.00"
        again = client_for(cast.applicant_a).post(f"{API}/applications/", payload, format="json")
        assert again.status_code == 400  # one application per organisation and call
        assert m.Application.objects.filter(call=cast.second_call).count() == 1

    def test_a_draft_whose_parts_are_refused_is_not_created_at_all(self, cast):
        payload = {"call": cast.second_call.code, "organisation": cast.org_a.pk, "title": "Проект"}
        rows = {
            "budget_lines": [{"category": "staff", "item": "", "unit_cost": "1", "quantity": "1", "requested": "1"}]
        }
        response = client_for(cast.applicant_a, language="en").post(
            f"{API}/applications/", {**payload, **rows}, format="json"
        )
        assert response.status_code == 400 and "Row 1" in " ".join(errors(response)["budget_lines"])
        assert not m.Application.objects.filter(call=cast.second_call).exists()

    def test_only_for_ones_own_organisation(self, cast):
        payload = {"call": cast.second_call.code, "organisation": cast.org_a.pk, "title": "Чужая заявка"}
        assert client_for(cast.applicant_b).post(f"{API}/applications/", payload, format="json").status_code == 403
        assert client_for(cast.runner).post(f"{API}/applications/", payload, format="json").status_code == 403
        assert client_for().post(f"{API}/applications/", payload, format="json").status_code == 401
        assert not m.Application.objects.filter(call=cast.second_call).exists()

    def test_save_a_draft_with_the_version_check(self, cast):
        url = f"{API}/applications/{cast.draft_a.pk}/"
        client = client_for(cast.applicant_a, language="en")
        saved = client.patch(url, {"version": 1, "summary": "Новая аннотация"}, format="json")
        assert saved.status_code == 200, saved.json()
        assert saved.json()["version"] == 2 and saved.json()["summary"] == "Новая аннотация"
        stale = client.patch(url, {"version": 1, "summary": "Старая вкладка"}, format="json")
        assert stale.status_code == 400 and "saved elsewhere" in all_messages(stale)
        missing = client.patch(url, {"summary": "Без версии"}, format="json")
        assert missing.status_code == 400 and "version" in errors(missing)
        cast.draft_a.refresh_from_db()
        assert cast.draft_a.summary == "Новая аннотация"

    def test_nested_input_errors_are_flat_messages_naming_the_row(self, cast):
        url = f"{API}/applications/{cast.draft_a.pk}/"
        bad = {"version": 1, "budget_lines": [_parts()["budget_lines"][0], {"category": "staff", "unit_cost": "abc"}]}
        response = client_for(cast.applicant_a, language="en").patch(url, bad, format="json")
        assert response.status_code == 400
        messages = errors(response)["budget_lines"]
        assert all(isinstance(message, str) for message in messages)
        assert any("Row 2" in message and "unit_cost" in message for message in messages)

    def test_others_cannot_edit(self, cast):
        url = f"{API}/applications/{cast.draft_a.pk}/"
        assert client_for(cast.runner).patch(url, {"version": 1, "title": "x"}, format="json").status_code == 403
        assert client_for(cast.applicant_b).patch(url, {"version": 1, "title": "x"}, format="json").status_code == 404
        assert client_for().patch(url, {"version": 1, "title": "x"}, format="json").status_code == 401

    def test_submit_gives_a_receipt_then_the_application_is_frozen(self, cast):
        client = client_for(cast.applicant_a, language="en")
        assert client.get(f"{API}/applications/{cast.draft_a.pk}/problems/").json() == []
        response = client.post(f"{API}/applications/{cast.draft_a.pk}/submit/")
        assert response.status_code == 200, response.json()
        data = response.json()
        assert data["status"] == "submitted" and data["receipt_number"].startswith(cast.call.code.upper())
        edit = client.patch(f"{API}/applications/{cast.draft_a.pk}/", {"version": 1, "title": "x"}, format="json")
        assert edit.status_code == 400 and "can no longer be changed" in all_messages(edit)
        withdrawn = client.post(f"{API}/applications/{cast.draft_a.pk}/withdraw/", {"reason": "Передумали"})
        assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"

    def test_a_budget_that_does_not_add_up_is_refused_with_every_problem(self, cast):
        line = cast.draft_a.budget_lines.first()
        m.BudgetLine.objects.filter(pk=line.pk).update(requested=line.requested + 1)
        client = client_for(cast.applicant_a, language="en")
        problems = client.get(f"{API}/applications/{cast.draft_a.pk}/problems/").json()
        assert problems and all(set(p) == {"field", "message"} for p in problems)
        response = client.post(f"{API}/applications/{cast.draft_a.pk}/submit/")
        assert response.status_code == 400
        assert {p["field"] for p in problems} <= set(errors(response))
        cast.draft_a.refresh_from_db()
        assert cast.draft_a.status == ApplicationStatus.DRAFT and cast.draft_a.receipt_number is None

    def test_submitting_after_the_close_is_refused(self, cast):
        now = timezone.now()
        m.Call.objects.filter(pk=cast.call.pk).update(opens_at=now - timedelta(days=30), closes_at=now - timedelta(1))
        response = client_for(cast.applicant_a, language="en").post(f"{API}/applications/{cast.draft_a.pk}/submit/")
        assert response.status_code == 400 and "clos" in all_messages(response)
        cast.draft_a.refresh_from_db()
        assert cast.draft_a.status == ApplicationStatus.DRAFT

    def test_documents_are_checked_by_content(self, cast):
        required = m.RequiredDocument.objects.create(call=cast.call, code="charter", name_ru="Устав", name="Устав")
        url = f"{API}/applications/{cast.draft_a.pk}/documents/"
        client = client_for(cast.applicant_a)
        upload = SimpleUploadedFile("Устав.pdf", PDF, content_type="application/pdf")
        response = client.post(url, {"file": upload, "required_document": "charter"}, format="multipart")
        assert response.status_code == 201, response.json()
        assert response.json()["required_document"] == "charter" and response.json()["kind"] == "pdf"
        assert m.ApplicationDocument.objects.get(application=cast.draft_a).required_document == required
        fake = SimpleUploadedFile("setup.pdf", EXE, content_type="application/pdf")
        refused = client.post(url, {"file": fake}, format="multipart")
        assert refused.status_code == 400
        unknown = client.post(url, {"file": SimpleUploadedFile("a.pdf", PDF), "required_document": "nope"})
        assert unknown.status_code == 400 and "required_document" in errors(unknown)
        assert m.ApplicationDocument.objects.filter(application=cast.draft_a).count() == 1
        other = client_for(cast.applicant_b).post(url, {"file": SimpleUploadedFile("b.pdf", PDF)}, format="multipart")
        assert other.status_code == 404

    def test_delete_a_draft(self, cast):
        assert client_for(cast.applicant_b).delete(f"{API}/applications/{cast.draft_a.pk}/").status_code == 404
        assert client_for(cast.applicant_a).delete(f"{API}/applications/{cast.draft_a.pk}/").status_code == 204
        assert not m.Application.objects.filter(pk=cast.draft_a.pk).exists()
        refused = client_for(cast.applicant_a).delete(f"{API}/applications/{cast.reviewed_a.pk}/")
        assert refused.status_code == 400
        assert m.Application.objects.filter(pk=cast.reviewed_a.pk).exists()


# --- reviews --------------------------------------------------------------------------------------------------------


def _marks(call: m.Call, value: int, comment: str = "Обоснование оценки") -> list[dict[str, Any]]:
    return [{"criterion": c.pk, "value": value, "comment": comment} for c in call.criteria.all()]


class TestReviews:
    def test_an_expert_sees_only_their_own(self, cast):
        assert ids(client_for(cast.expert).get(f"{API}/reviews/")) == {cast.review.pk}
        assert ids(client_for(cast.other_expert).get(f"{API}/reviews/")) == set()
        assert ids(client_for(cast.runner).get(f"{API}/reviews/")) == {cast.review.pk}
        assert ids(client_for(cast.other_runner).get(f"{API}/reviews/")) == set()
        assert client_for(cast.other_expert).get(f"{API}/reviews/{cast.review.pk}/").status_code == 404
        assert client_for(cast.applicant_a).get(f"{API}/reviews/{cast.review.pk}/").status_code == 404
        assert client_for().get(f"{API}/reviews/").status_code == 401

    def test_experts_are_blind_to_each_other(self, cast):
        second = ExpertProfileFactory().user
        theirs = m.Review.objects.create(application=cast.reviewed_a, expert=second, comment="Мнение второго")
        m.Score.objects.create(review=theirs, criterion=cast.call.criteria.first(), value=3, comment="Слабо, по-моему")
        body = client_for(cast.expert).get(f"{API}/reviews/{cast.review.pk}/").json()
        text = json.dumps(body, ensure_ascii=False)
        assert body["scores"] == [] and body["application_detail"]["id"] == cast.reviewed_a.pk
        assert "Мнение второго" not in text and "Слабо" not in text and second.email not in text
        assert str(second.pk) not in {str(body["expert"])}

    def test_save_then_submit_locks_the_review(self, cast):
        client = client_for(cast.expert, language="en")
        url = f"{API}/reviews/{cast.review.pk}/"
        saved = client.patch(url, {"scores": _marks(cast.call, 8)[:1], "comment": "Хороший проект"}, format="json")
        assert saved.status_code == 200, saved.json()
        assert len(saved.json()["scores"]) == 1 and saved.json()["comment"] == "Хороший проект"
        incomplete = client.post(f"{url}submit/")
        assert incomplete.status_code == 400
        client.patch(url, {"scores": _marks(cast.call, 8)}, format="json")
        submitted_review = client.post(f"{url}submit/")
        assert submitted_review.status_code == 200, submitted_review.json()
        assert submitted_review.json()["status"] == "submitted"
        assert Decimal(submitted_review.json()["total"]) == Decimal("80.00")
        locked = client.patch(url, {"scores": _marks(cast.call, 1)}, format="json")
        assert locked.status_code == 400
        assert {s.value for s in m.Score.objects.filter(review=cast.review)} == {8}

    def test_a_mark_outside_the_scale_is_refused(self, cast):
        response = client_for(cast.expert).patch(
            f"{API}/reviews/{cast.review.pk}/", {"scores": _marks(cast.call, 11)}, format="json"
        )
        assert response.status_code == 400
        assert not m.Score.objects.filter(review=cast.review).exists()

    def test_only_the_assigned_expert_scores(self, cast):
        url = f"{API}/reviews/{cast.review.pk}/"
        for role, status in (("runner", 403), ("other_expert", 404), ("applicant_a", 404)):
            response = client_for(cast.user(role)).patch(url, {"scores": _marks(cast.call, 5)}, format="json")
            assert response.status_code == status, role
        assert not m.Score.objects.exists()

    def test_declare_a_conflict(self, cast):
        url = f"{API}/reviews/{cast.review.pk}/declare-conflict/"
        no_reason = client_for(cast.expert).post(url, {"reason": " "}, format="json")
        assert no_reason.status_code == 400 and "reason" in errors(no_reason)
        response = client_for(cast.expert).post(url, {"reason": "Я консультировал этот фонд"}, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == ReviewStatus.CONFLICT
        assert m.ConflictDeclaration.objects.filter(expert=cast.expert, application=cast.reviewed_a).exists()


# --- ranking and results --------------------------------------------------------------------------------------------


def _scored(call: m.Call, score: str, requested: str, **kwargs) -> m.Application:
    application = submitted(ApplicationFactory(call=call), ApplicationStatus.REVIEWED, **kwargs)
    m.Application.objects.filter(pk=application.pk).update(
        score=Decimal(score), review_count=2, requested_amount=Decimal(requested)
    )
    return application


class TestRanking:
    def test_only_those_who_run_the_call(self, cast):
        url = f"{API}/calls/{cast.call.code}/ranking/"
        assert client_for(cast.runner).get(url).status_code == 200
        assert client_for(cast.admin).get(url).status_code == 200
        for role in ("citizen", "applicant_a", "expert", "other_runner"):
            assert client_for(cast.user(role)).get(url).status_code == 403, role
        assert client_for().get(url).status_code == 401

    def test_order_pass_marks_and_the_budget_line(self, cast):
        call = cast.call
        best = _scored(call, "90", "4000000")
        second = _scored(call, "80", "4000000")
        failing = _scored(call, "50", "1000000")
        m.Call.objects.filter(pk=call.pk).update(budget=Decimal("6000000"))
        data = client_for(cast.runner).get(f"{API}/calls/{call.code}/ranking/").json()
        small = data["bands"][0]
        rows = {row["application"]: row for row in small["applications"]}
        assert [row["application"] for row in small["applications"]][:3] == [best.pk, second.pk, failing.pk]
        assert rows[best.pk]["funded"] and not rows[second.pk]["funded"]  # 8,000,000 would exceed 6,000,000
        assert not rows[failing.pk]["passes"]
        assert Decimal(data["funded_total"]) <= Decimal(data["budget"]) == Decimal("6000000")
        assert data["first_below"] == second.pk
        bigger = client_for(cast.runner).get(f"{API}/calls/{call.code}/ranking/", {"budget": "8000000"}).json()
        assert Decimal(bigger["funded_total"]) == Decimal("8000000")
        invalid = client_for(cast.runner).get(f"{API}/calls/{call.code}/ranking/", {"budget": "-1"})
        assert invalid.status_code == 400 and "budget" in errors(invalid)


def _published_winner(call: m.Call, amount: str = "2500000", **kwargs) -> m.Application:
    application = submitted(ApplicationFactory(call=call, **kwargs), ApplicationStatus.AWARDED)
    m.Decision.objects.create(
        application=application,
        outcome=Outcome.AWARD,
        amount=Decimal(amount),
        reason="Высокий балл",
        protocol_number="7",
        decided_on=timezone.localdate(),
    )
    return application


class TestResults:
    def test_winners_of_published_calls_only(self, cast):
        m.Call.objects.filter(pk=cast.other_call.pk).update(
            status=CallStatus.RESULTS_PUBLISHED, results_published_at=timezone.now()
        )
        winner = _published_winner(cast.other_call, region=RegionFactory(code="KZ-71"))
        _published_winner(cast.call)  # results not published yet
        data = client_for().get(f"{API}/results/").json()
        assert [row["receipt_number"] for row in data["results"]] == [winner.receipt_number]
        row = data["results"][0]
        assert row["awarded_amount"] == "2500000.00" and row["currency"] == "KZT" and row["region"] == "KZ-71"
        assert client_for().get(f"{API}/results/", {"region": "KZ-75"}).json()["count"] == 0
        assert client_for().get(f"{API}/results/", {"region": "kz-71"}).json()["count"] == 1
        per_call = client_for().get(f"{API}/calls/{cast.other_call.code}/results/")
        assert [r["receipt_number"] for r in per_call.json()] == [winner.receipt_number]
        hidden = client_for(language="en").get(f"{API}/calls/{cast.call.code}/results/")
        assert hidden.status_code == 404 and "not published" in hidden.json()["detail"]
        preview = client_for(cast.runner).get(f"{API}/calls/{cast.call.code}/results/")
        assert preview.status_code == 200 and len(preview.json()) == 1  # the runner's preview before publishing


# --- query counts ---------------------------------------------------------------------------------------------------


def _fill(cast: Cast, kind: str, n: int) -> str:
    if kind == "calls":
        for _ in range(n):
            CallFactory(programme=cast.programme).themes.add(ThemeFactory())
        return f"{API}/calls/?page_size=100"
    if kind == "programmes":
        for _ in range(n):
            CallFactory().programme.themes.add(ThemeFactory())
        return f"{API}/programmes/?page_size=100"
    if kind == "applications":
        for _ in range(n):
            ApplicationFactory(call=CallFactory(programme=cast.programme), organisation=cast.org_a, parts=False)
        return f"{API}/applications/?page_size=100"
    if kind == "reviews":
        for _ in range(n):
            application = submitted(ApplicationFactory(call=CallFactory(programme=cast.programme), parts=False))
            m.Review.objects.create(application=application, expert=cast.expert)
        return f"{API}/reviews/?page_size=100"
    if kind == "results":
        call = CallFactory(programme=cast.programme, status=CallStatus.RESULTS_PUBLISHED)
        for _ in range(n):
            _published_winner(call, organisation=OrganisationFactory()).themes.add(ThemeFactory())
        return f"{API}/results/?page_size=100"
    raise AssertionError(kind)


LIST_READERS = {
    "calls": ["anonymous", "runner"],
    "programmes": ["anonymous"],
    "applications": ["applicant_a", "runner", "admin"],
    "reviews": ["expert", "runner"],
    "results": ["anonymous", "citizen"],
}


@pytest.mark.parametrize(("kind", "role"), [(kind, role) for kind, roles in LIST_READERS.items() for role in roles])
def test_list_queries_do_not_grow_with_rows(cast, django_assert_max_num_queries, kind, role):
    """A page of 25+ rows costs a fixed number of queries (measured 3–5): count, page, themes; token and roles."""
    client = client_for(cast.user(role))
    url = _fill(cast, kind, 25)
    client.get(url)  # warm per-process caches (content types)
    with django_assert_max_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 25


def test_detail_queries_are_fixed(cast, django_assert_max_num_queries):
    for _ in range(10):
        m.Task.objects.create(application=cast.reviewed_a, text="Ещё задача")
        m.ApplicationPartner.objects.create(application=cast.reviewed_a, organisation=OrganisationFactory())
    client = client_for(cast.expert)
    client.get(f"{API}/reviews/{cast.review.pk}/")  # warm per-process caches
    with django_assert_max_num_queries(14):
        assert len(client.get(f"{API}/reviews/{cast.review.pk}/").json()["application_detail"]["tasks"]) == 11
    with django_assert_max_num_queries(12):  # an expert's read asks the rule "assigned to it" (one query)
        assert len(client.get(f"{API}/applications/{cast.reviewed_a.pk}/").json()["partners"]) == 10
    with django_assert_max_num_queries(9):
        assert client_for().get(f"{API}/calls/{cast.call.code}/").status_code == 200
    for _ in range(10):
        _scored(cast.call, "70", "1000000")
    with django_assert_max_num_queries(10):  # the ranking's rows come in one query however many there are
        assert client_for(cast.runner).get(f"{API}/calls/{cast.call.code}/ranking/").status_code == 200


# --- the contract: the schema is clean and real answers match it ----------------------------------------------------


def _as_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 → JSON Schema: `nullable` becomes a null alternative; objects allow no undocumented field."""
    if isinstance(node, list):
        return [_as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {
        ("anyOf" if key == "oneOf" else key): _as_json_schema(value) for key, value in node.items() if key != "nullable"
    }
    if out.get("type") == "object" and isinstance(out.get("properties"), dict):
        out.setdefault("additionalProperties", False)
    if node.get("nullable") is True:
        out = {"anyOf": [out, {"type": "null"}]}
    return out


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    GENERATOR_STATS.reset()
    with translation.override("en"):
        schema = SchemaGenerator(patterns=api_support.urlpatterns).get_schema(request=None, public=True)
    assert not GENERATOR_STATS._warn_cache and not GENERATOR_STATS._error_cache
    return schema


def assert_matches_schema(openapi: dict[str, Any], path: str, method: str, status: int, body: Any) -> None:
    operation = openapi["paths"][path][method]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    root = {**_as_json_schema(schema), "components": _as_json_schema(openapi["components"])}
    validator = jsonschema.Draft202012Validator(root, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    problems = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not problems, f"{method.upper()} {path} {status}: " + "; ".join(
        f"{list(e.path)}: {e.message}" for e in problems[:5]
    )


def test_every_grants_operation_is_in_the_schema_with_its_errors(openapi):
    paths = {p: ops for p, ops in openapi["paths"].items() if p.startswith(API)}
    assert {f"{API}/calls/{{code}}/ranking/", f"{API}/results/", f"{API}/reviews/{{id}}/submit/"} <= set(paths)
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation.get("summary"), (method, path)
            if method != "get":
                assert {"401", "403"} <= set(operation["responses"]), (method, path)
    assert {} in paths[f"{API}/results/"]["get"]["security"]  # public
    assert {} not in paths[f"{API}/calls/{{code}}/ranking/"]["get"]["security"]


def test_answers_match_the_schema(openapi, cast):
    m.Call.objects.filter(pk=cast.other_call.pk).update(
        status=CallStatus.RESULTS_PUBLISHED, results_published_at=timezone.now()
    )
    _published_winner(cast.other_call)
    _scored(cast.call, "75", "2000000")
    m.Score.objects.create(review=cast.review, criterion=cast.call.criteria.first(), value=5, comment="Норма")
    runner, expert, applicant = client_for(cast.runner), client_for(cast.expert), client_for(cast.applicant_a)
    reads = [
        (client_for(), f"{API}/calls/", f"{API}/calls/"),
        (client_for(), f"{API}/calls/{cast.call.code}/", f"{API}/calls/{{code}}/"),
        (client_for(), f"{API}/programmes/", f"{API}/programmes/"),
        (client_for(), f"{API}/programmes/{cast.programme.pk}/", f"{API}/programmes/{{id}}/"),
        (client_for(), f"{API}/results/", f"{API}/results/"),
        (client_for(), f"{API}/calls/{cast.other_call.code}/results/", f"{API}/calls/{{code}}/results/"),
        (runner, f"{API}/calls/{cast.call.code}/ranking/", f"{API}/calls/{{code}}/ranking/"),
        (applicant, f"{API}/applications/", f"{API}/applications/"),
        (applicant, f"{API}/applications/{cast.reviewed_a.pk}/", f"{API}/applications/{{id}}/"),
        (applicant, f"{API}/applications/{cast.draft_a.pk}/problems/", f"{API}/applications/{{id}}/problems/"),
        (expert, f"{API}/reviews/", f"{API}/reviews/"),
        (expert, f"{API}/reviews/{cast.review.pk}/", f"{API}/reviews/{{id}}/"),
    ]
    for client, url, template in reads:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_matches_schema(openapi, template, "get", 200, response.json())
    submit = applicant.post(f"{API}/applications/{cast.draft_a.pk}/submit/")
    assert_matches_schema(openapi, f"{API}/applications/{{id}}/submit/", "post", 200, submit.json())
    refused = applicant.post(f"{API}/applications/{cast.draft_a.pk}/submit/")
    assert refused.status_code == 400
    assert_matches_schema(openapi, f"{API}/applications/{{id}}/submit/", "post", 400, refused.json())
    forbidden = client_for(cast.citizen).get(f"{API}/calls/{cast.call.code}/ranking/")
    assert_matches_schema(openapi, f"{API}/calls/{{code}}/ranking/", "get", 403, forbidden.json())
