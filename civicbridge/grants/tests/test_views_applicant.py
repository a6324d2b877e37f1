"""The applicant's pages over HTTP: my applications, start, edit with autosave, submit, withdraw, the detail page."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.workflow import transition
from civicbridge.files.tests.samples import PDF
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus
from civicbridge.grants.services import applications as svc
from civicbridge.registry.tests.factories import OrganisationFactory

from .factories import ApplicationFactory, CallFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def rep(org):
    return MembershipFactory(organisation=org, role=Role.REPRESENTATIVE, user__language="en").user


@pytest.fixture
def call():
    # Closes in two days: frozen-time tests at the close stay inside the session's lifetime (two weeks).
    return CallFactory(code="kz-2027-1", closes_at=timezone.now() + timedelta(days=2))


@pytest.fixture
def draft(call, org):
    return ApplicationFactory(call=call, organisation=org)


def edit_url(application):
    return reverse("grants:application-edit", args=[application.pk])


def form_data(application, **overrides):
    """What the edit page posts for the application as stored (management forms and every row)."""
    from civicbridge.grants.forms.applications import SECTIONS, initial_parts

    data = {
        "version": application.version,
        "title": application.title,
        "summary": application.summary,
        "problem": application.problem,
        "target_groups": application.target_groups,
        "goal": application.goal,
        "language": application.language,
        "starts_on": application.starts_on.isoformat() if application.starts_on else "",
        "ends_on": application.ends_on.isoformat() if application.ends_on else "",
    }
    for part, rows in initial_parts(application).items():
        prefix = SECTIONS[part][1]
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for i, row in enumerate(rows):
            for key, value in row.items():
                if value is None:
                    value = ""
                elif hasattr(value, "bin"):
                    value = value.pk
                elif hasattr(value, "isoformat"):
                    value = value.isoformat()
                data[f"{prefix}-{i}-{key}"] = str(value)
    data.update(overrides)
    return data


# --- my applications ---------------------------------------------------------------------------------------------


def test_my_applications_lists_only_my_organisations_in_few_queries(client, rep, org, django_assert_max_num_queries):
    mine = [ApplicationFactory(organisation=org, parts=False) for _ in range(3)]
    ApplicationFactory(parts=False)  # another organisation's
    client.force_login(rep)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("grants:my-applications"))
    assert response.status_code == 200
    assert {a.pk for a in response.context["page_obj"].object_list} == {a.pk for a in mine}
    # The query count does not grow with the number of applications.
    for _ in range(5):
        ApplicationFactory(organisation=org, parts=False)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("grants:my-applications")).status_code == 200


def test_my_applications_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("grants:my-applications"))
    assert response.status_code == 302 and "login" in response.url


# --- starting a draft --------------------------------------------------------------------------------------------


def test_a_representative_starts_a_draft_from_a_call(client, rep, org, call):
    client.force_login(rep)
    url = reverse("grants:application-create", args=[call.code])
    assert client.get(url).status_code == 200
    response = client.post(url, {"organisation": org.pk, "title": "Летний лагерь"})
    application = m.Application.objects.get(organisation=org)
    assert response.status_code == 302 and response.url == edit_url(application)
    assert application.title == "Летний лагерь" and application.created_by == rep


def test_someone_without_an_organisation_sees_why_they_cannot_apply(client, call):
    client.force_login(UserFactory())
    response = client.get(reverse("grants:application-create", args=[call.code]))
    assert b"Only a representative" in response.content
    response = client.post(
        reverse("grants:application-create", args=[call.code]), {"organisation": OrganisationFactory().pk, "title": "x"}
    )
    assert response.status_code == 200 and not m.Application.objects.exists()


# --- editing -----------------------------------------------------------------------------------------------------


def test_the_edit_page_shows_every_part(client, rep, draft):
    client.force_login(rep)
    response = client.get(edit_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Вожатые", "Провести две смены лагеря", "Дети, прошедшие смены", 'hx-post="', "Attach the document"):
        assert text in html


def test_saving_the_form_saves_the_draft_and_its_rows(client, rep, draft):
    client.force_login(rep)
    data = form_data(
        draft, title="Новое название", **{"budget-0-requested": "2100000", "budget-0-cofinancing": "400000"}
    )
    response = client.post(edit_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Новое название" and draft.version == 2
    assert draft.requested_amount == Decimal("3100000.00")


def test_autosave_by_htmx_answers_with_the_status_and_the_new_version(client, rep, draft):
    client.force_login(rep)
    response = client.post(edit_url(draft), form_data(draft, summary="Пишу…"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft saved at" in html and 'name="version" value="2"' in html and "hx-swap-oob" in html
    draft.refresh_from_db()
    assert draft.summary == "Пишу…"


def test_a_stale_save_is_refused_with_a_clear_message(client, rep, draft):
    client.force_login(rep)
    client.post(edit_url(draft), form_data(draft, summary="Вкладка 1"))
    stale = form_data(draft, summary="Вкладка 2")  # still version 1
    response = client.post(edit_url(draft), stale, headers={"HX-Request": "true"})
    assert "saved elsewhere" in response.content.decode()
    response = client.post(edit_url(draft), stale)
    assert response.status_code == 409 and "saved elsewhere" in response.content.decode()
    draft.refresh_from_db()
    assert draft.summary == "Вкладка 1"


def test_row_errors_are_shown_on_their_part(client, rep, draft):
    client.force_login(rep)
    data = form_data(
        draft, **{"budget-0-quantity": "0", "partners-TOTAL_FORMS": "1", "partners-0-organisation": "999999999999"}
    )
    response = client.post(edit_url(draft), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The quantity must be above zero." in html
    assert "No organisation in the registry has the number 999999999999." in html


def test_a_partner_is_found_by_its_bin(client, rep, draft):
    partner = OrganisationFactory()
    assert partner.bin
    client.force_login(rep)
    data = form_data(
        draft, **{"partners-TOTAL_FORMS": "1", "partners-0-organisation": partner.bin, "partners-0-role": "Площадка"}
    )
    assert client.post(edit_url(draft), data).status_code == 302
    assert draft.partners.get().organisation == partner


def test_documents_are_attached_and_removed(client, rep, draft, call):
    charter = m.RequiredDocument.objects.create(call=call, code="charter", name="Устав", name_ru="Устав")
    client.force_login(rep)
    upload = SimpleUploadedFile("устав.pdf", PDF, content_type="application/pdf")
    response = client.post(edit_url(draft), {"upload": "1", "required_document": charter.pk, "file": upload})
    assert response.status_code == 302
    document = draft.documents.get()
    download = client.get(document.file.url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    client.force_login(UserFactory())
    assert client.get(document.file.url).status_code == 403
    client.force_login(rep)
    assert client.post(edit_url(draft), {"remove_document": document.pk}).status_code == 302
    assert not draft.documents.exists()


def test_strangers_cannot_open_the_edit_page(client, draft):
    client.force_login(UserFactory())
    assert client.get(edit_url(draft)).status_code == 403
    client.logout()
    assert client.get(edit_url(draft)).status_code == 302


# --- submitting --------------------------------------------------------------------------------------------------


def test_the_submit_page_lists_every_problem(client, rep, draft):
    m.BudgetLine.objects.filter(application=draft, item="Вожатые").update(requested=Decimal("1"))
    m.Application.objects.filter(pk=draft.pk).update(goal="")
    client.force_login(rep)
    response = client.get(reverse("grants:application-submit", args=[draft.pk]))
    html = response.content.decode()
    assert "Line 1 “Вожатые” does not add up" in html and "Fill in “goal”." in html
    edit = edit_url(draft)
    assert f'<a href="{edit}#id_goal">' in html and f'<a href="{edit}#part-budget_lines">' in html
    response = client.post(reverse("grants:application-submit", args=[draft.pk]))
    assert response.status_code == 400 and "does not add up" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_submitting_gives_the_receipt(client, rep, draft):
    client.force_login(rep)
    response = client.post(reverse("grants:application-submit", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED and draft.receipt_number == "KZ-2027-1-00001"
    page = client.get(response.url, follow=True).content.decode()
    assert "KZ-2027-1-00001" in page


def test_deadline_edges_on_the_submit_page(client, rep, draft, call):
    client.force_login(rep)
    url = reverse("grants:application-submit", args=[draft.pk])
    with freeze_time(call.closes_at):
        response = client.post(url)
        assert response.status_code == 400 and "The call closed at" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    with freeze_time(call.closes_at - timedelta(seconds=1)):
        assert client.post(url).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED


# --- withdrawing -------------------------------------------------------------------------------------------------


def test_withdraw_before_the_close_and_not_after(client, rep, draft, call):
    svc.application_submit(actor=rep, application=draft)
    client.force_login(rep)
    url = reverse("grants:application-withdraw", args=[draft.pk])
    with freeze_time(call.closes_at):
        response = client.post(url, {"reason": "Передумали"})
        assert response.status_code == 400 and "closed" in response.content.decode()
    assert client.post(url, {"reason": "Передумали"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.WITHDRAWN


# --- the application's page --------------------------------------------------------------------------------------


def test_the_detail_page_is_for_applicant_runner_and_assigned_expert_only(
    client, rep, draft, django_assert_max_num_queries
):
    svc.application_submit(actor=rep, application=draft)
    runner = MembershipFactory(organisation=draft.call.programme.funder, role=Role.OPERATOR).user
    review = ReviewFactory(application=draft)
    url = draft.get_absolute_url()
    for user in (rep, runner, review.expert):
        client.force_login(user)
        with django_assert_max_num_queries(30):
            response = client.get(url)
        assert response.status_code == 200, user
        html = response.content.decode()
        assert "KZ-2027-1-00001" in html and "Вожатые" in html
        # Never an expert's name on this page (the expert themself included, who must not see others either).
        assert review.expert.get_full_name() not in html or user == review.expert
    for user in (UserFactory(), MembershipFactory(role=Role.REPRESENTATIVE).user, ReviewFactory().expert):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_the_applicant_does_not_see_who_acted_but_the_runner_does(client, rep, draft):
    svc.application_submit(actor=rep, application=draft)
    runner = MembershipFactory(
        organisation=draft.call.programme.funder, role=Role.OPERATOR, user__full_name="Оператор Петров"
    ).user
    transition(draft, "mark_eligible", actor=runner)
    client.force_login(rep)
    assert "Оператор Петров" not in client.get(draft.get_absolute_url()).content.decode()
    client.force_login(runner)
    assert "Оператор Петров" in client.get(draft.get_absolute_url()).content.decode()


def test_the_withdraw_button_shows_only_while_it_is_possible(client, rep, draft, call):
    svc.application_submit(actor=rep, application=draft)
    client.force_login(rep)
    withdraw = reverse("grants:application-withdraw", args=[draft.pk])
    assert withdraw in client.get(draft.get_absolute_url()).content.decode()
    with freeze_time(call.closes_at + timedelta(hours=1)):
        assert withdraw not in client.get(draft.get_absolute_url()).content.decode()


class _FormReader:
    """What a browser would post for one <form> of a page: every named input, select and textarea value."""

    def __init__(self, html: str, form_id: str):
        from html.parser import HTMLParser

        data: list[tuple[str, str]] = []
        state = {"in_form": False, "select": None, "textarea": None, "text": "", "options": []}

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                if tag == "form":
                    state["in_form"] = a.get("id") == form_id
                if not state["in_form"]:
                    return
                if tag == "input" and a.get("name") and a.get("type") not in ("submit", "file"):
                    if a.get("type") in ("checkbox", "radio"):
                        if "checked" in a:
                            data.append((a["name"], a.get("value", "on")))
                    else:
                        data.append((a["name"], a.get("value", "")))
                elif tag == "select":
                    state["select"], state["options"] = a.get("name"), []
                elif tag == "option" and state["select"]:
                    state["options"].append((a.get("value", ""), "selected" in a))
                elif tag == "textarea":
                    state["textarea"], state["text"] = a.get("name"), ""

            def handle_data(self, text):
                if state["textarea"]:
                    state["text"] += text

            def handle_endtag(self, tag):
                if tag == "form":
                    state["in_form"] = False
                elif tag == "select" and state["select"]:
                    chosen = [v for v, sel in state["options"] if sel] or [v for v, _ in state["options"][:1]]
                    data.extend((state["select"], v) for v in chosen)
                    state["select"] = None
                elif tag == "textarea" and state["textarea"]:
                    data.append((state["textarea"], state["text"].lstrip("\n")))
                    state["textarea"] = None

        Parser().feed(html)
        self.data = data

    def as_post(self) -> dict[str, list[str]]:
        post: dict[str, list[str]] = {}
        for name, value in self.data:
            post.setdefault(name, []).append(value)
        return post


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_page_as_served_saves_unchanged_with_its_empty_extra_rows(client, rep, draft, language):
    rep.language = language
    rep.save(update_fields=["language"])
    client.force_login(rep)
    client.cookies["django_language"] = language
    html = client.get(edit_url(draft)).content.decode()
    post = _FormReader(html, "application-form").as_post()
    assert f'lang="{language}"' in html
    assert post["budget-TOTAL_FORMS"] == ["3"]  # two lines and one empty extra row
    response = client.post(edit_url(draft), post)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.version == 2 and draft.budget_lines.count() == 2 and draft.tasks.count() == 1
    assert draft.activities.get().task.order == 1
    assert draft.requested_amount == Decimal("3000000") and draft.budget_lines.first().unit_cost == Decimal("250000")


def test_the_edit_and_detail_pages_cost_the_same_queries_however_long_the_application(
    client, rep, draft, django_assert_max_num_queries
):
    client.force_login(rep)
    for n in range(15):
        task = m.Task.objects.create(application=draft, order=n + 2, text=f"Задача {n}")
        m.Activity.objects.create(
            application=draft, task=task, title=f"Шаг {n}", starts_on=draft.starts_on, ends_on=draft.starts_on
        )
        m.BudgetLine.objects.create(
            application=draft, category="other", item=f"Статья {n}", unit_cost=1, quantity=1, requested=1
        )
        m.ApplicationPartner.objects.create(application=draft, organisation=OrganisationFactory())
        m.TeamMember.objects.create(application=draft, full_name=f"Участник {n}", role="Волонтёр")
    with django_assert_max_num_queries(24):
        assert client.get(edit_url(draft)).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(draft.get_absolute_url()).status_code == 200
