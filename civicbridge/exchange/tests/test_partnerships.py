"""Partnership requests (send, accept, decline, withdraw — the whole table, the refusals, the notifications) and
partnerships (memoranda: parties, dates, the request, the file), with their pages and API."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.exchange.choices import RequestStatus
from civicbridge.exchange.models import Partnership, PartnershipRequest
from civicbridge.exchange.services.partnerships import (
    partnership_record,
    request_accept,
    request_decline,
    request_send,
    request_withdraw,
)
from civicbridge.notifications.models import Notification
from civicbridge.registry.choices import OrganisationStatus
from civicbridge.registry.tests.factories import OrganisationFactory, RussianOrganisationFactory

from .factories import ListingFactory, PartnershipRequestFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def editor(org):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.REPRESENTATIVE, organisation=org)
    return user


@pytest.fixture
def sender(db):
    return OrganisationFactory(name_ru="ОФ «Отправитель»")


@pytest.fixture
def recipient(db):
    return RussianOrganisationFactory(name_ru="АНО «Получатель»")


@pytest.fixture
def sender_editor(sender):
    return editor(sender)


@pytest.fixture
def recipient_editor(recipient):
    return editor(recipient)


def send(actor, sender, recipient, **kw):
    return request_send(
        actor=actor, from_organisation=sender, to_organisation=recipient, **{"message": "Давайте!", **kw}
    )


class TestSend:
    def test_sends_and_notifies_the_other_side(
        self, sender, recipient, sender_editor, recipient_editor, django_capture_on_commit_callbacks
    ):
        listing = ListingFactory(organisation=recipient)
        with django_capture_on_commit_callbacks(execute=True):
            request = send(sender_editor, sender, recipient, listing=listing, message="  Давайте работать вместе  ")
        assert (request.status, request.message, request.listing) == (
            RequestStatus.SENT,
            "Давайте работать вместе",
            listing,
        )
        notes = Notification.objects.filter(event="exchange.request_received")
        assert [n.recipient for n in notes] == [recipient_editor]

    def test_to_oneself_refused_clearly(self, sender, sender_editor):
        with pytest.raises(ValidationError) as exc:
            send(sender_editor, sender, sender)
        assert exc.value.message_dict["to_organisation"] == [
            "An organisation cannot send a partnership request to itself."
        ]

    def test_second_pending_refused(self, sender, recipient, sender_editor):
        send(sender_editor, sender, recipient)
        with pytest.raises(ValidationError) as exc:
            send(sender_editor, sender, recipient)
        assert "already sent" in exc.value.message_dict["to_organisation"][0]
        assert PartnershipRequest.objects.count() == 1

    def test_reverse_pending_refused(self, sender, recipient, sender_editor, recipient_editor):
        send(sender_editor, sender, recipient)
        with pytest.raises(ValidationError) as exc:
            send(recipient_editor, recipient, sender)
        assert "answer it" in exc.value.message_dict["to_organisation"][0]

    def test_again_after_an_answer(self, sender, recipient, sender_editor, recipient_editor):
        request_decline(actor=recipient_editor, request=send(sender_editor, sender, recipient))
        assert send(sender_editor, sender, recipient).status == RequestStatus.SENT

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [({"message": "   "}, "message"), ({"message": "x" * 5001}, "message")],
    )
    def test_bad_message(self, sender, recipient, sender_editor, kwargs, field):
        with pytest.raises(ValidationError) as exc:
            send(sender_editor, sender, recipient, **kwargs)
        assert field in exc.value.message_dict

    def test_listing_of_a_third_organisation_or_closed(self, sender, recipient, sender_editor):
        with pytest.raises(ValidationError):
            send(sender_editor, sender, recipient, listing=ListingFactory())
        with pytest.raises(ValidationError):
            send(sender_editor, sender, recipient, listing=ListingFactory(organisation=recipient, status="closed"))

    def test_inactive_recipient(self, sender, recipient, sender_editor):
        recipient.status = OrganisationStatus.LIQUIDATED
        recipient.save()
        with pytest.raises(ValidationError):
            send(sender_editor, sender, recipient)

    def test_only_editors_of_the_sender(self, sender, recipient, recipient_editor, citizen):
        for user in (citizen, recipient_editor):
            with pytest.raises(PermissionDenied):
                send(user, sender, recipient)

    def test_the_database_backs_the_checks(self, sender, recipient):
        from django.db import IntegrityError, transaction

        PartnershipRequestFactory(from_organisation=sender, to_organisation=recipient)
        with pytest.raises(IntegrityError), transaction.atomic():
            PartnershipRequestFactory(from_organisation=sender, to_organisation=recipient)
        with pytest.raises(IntegrityError), transaction.atomic():
            PartnershipRequestFactory(from_organisation=sender, to_organisation=sender)


SERVICES = {"accept": request_accept, "decline": request_decline, "withdraw": request_withdraw}
TARGETS = {"accept": RequestStatus.ACCEPTED, "decline": RequestStatus.DECLINED, "withdraw": RequestStatus.WITHDRAWN}
# Who may take each action on a sent request: the asked side answers, the asking side withdraws.
ACTOR = {"accept": "recipient_editor", "decline": "recipient_editor", "withdraw": "sender_editor"}


class TestWorkflow:
    @pytest.mark.parametrize("state", list(RequestStatus))
    @pytest.mark.parametrize("action", list(SERVICES))
    def test_table(self, request, sender, recipient, state, action):
        actor = request.getfixturevalue(ACTOR[action])
        item = PartnershipRequestFactory(from_organisation=sender, to_organisation=recipient, status=state)
        if state == RequestStatus.SENT:
            SERVICES[action](actor=actor, request=item)
            item.refresh_from_db()
            assert item.status == TARGETS[action]
        else:
            with pytest.raises(ValidationError):
                SERVICES[action](actor=actor, request=item)
            item.refresh_from_db()
            assert item.status == state

    @pytest.mark.parametrize("action", list(SERVICES))
    def test_wrong_side_refused(self, request, sender, recipient, action, citizen):
        wrong = "sender_editor" if ACTOR[action] == "recipient_editor" else "recipient_editor"
        item = PartnershipRequestFactory(from_organisation=sender, to_organisation=recipient)
        for actor in (request.getfixturevalue(wrong), citizen):
            with pytest.raises(PermissionDenied):
                SERVICES[action](actor=actor, request=item)

    def test_answer_keeps_the_reply_and_notifies_the_sender(
        self, sender, recipient, sender_editor, recipient_editor, django_capture_on_commit_callbacks
    ):
        item = send(sender_editor, sender, recipient)
        with django_capture_on_commit_callbacks(execute=True):
            request_accept(actor=recipient_editor, request=item, reply="  С радостью  ")
        item.refresh_from_db()
        assert (item.status, item.reply) == (RequestStatus.ACCEPTED, "С радостью") and item.decided_at
        assert Notification.objects.filter(event="exchange.request_answered", recipient=sender_editor).exists()

    def test_reply_too_long(self, sender, recipient, sender_editor, recipient_editor):
        item = send(sender_editor, sender, recipient)
        with pytest.raises(ValidationError):
            request_decline(actor=recipient_editor, request=item, reply="x" * 5001)


def record(actor, parties, **kw):
    return partnership_record(actor=actor, parties=parties, **{"title": "Меморандум", "signed_on": date.today(), **kw})


class TestPartnership:
    def test_records_directly_with_a_file(self, sender, recipient, sender_editor):
        third = OrganisationFactory()
        upload = SimpleUploadedFile("memo.pdf", PDF, content_type="application/pdf")
        partnership = record(
            sender_editor,
            [sender, recipient, third, recipient],
            starts_on=date.today(),
            ends_on=date.today() + timedelta(days=365),
            document=upload,
        )
        assert set(partnership.parties.all()) == {sender, recipient, third}
        assert partnership.document.purpose == "exchange.memorandum"

    def test_from_an_accepted_request(self, sender, recipient, sender_editor, recipient_editor):
        item = send(sender_editor, sender, recipient)
        request_accept(actor=recipient_editor, request=item)
        partnership = record(recipient_editor, [recipient, sender], request=item)
        assert partnership.request == item
        with pytest.raises(ValidationError) as exc:
            record(recipient_editor, [recipient, sender], request=item)
        assert "request" in exc.value.message_dict

    def test_request_must_be_accepted_and_its_parties_present(self, sender, recipient, sender_editor):
        item = send(sender_editor, sender, recipient)
        with pytest.raises(ValidationError):
            record(sender_editor, [sender, recipient], request=item)
        PartnershipRequest.objects.filter(pk=item.pk).update(status=RequestStatus.ACCEPTED)
        with pytest.raises(ValidationError):
            record(sender_editor, [sender, OrganisationFactory()], request=item)

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"title": " "}, "title"),
            ({"signed_on": date.today() + timedelta(days=1)}, "signed_on"),
            ({"signed_on": None}, "signed_on"),
            ({"starts_on": date(2025, 5, 2), "ends_on": date(2025, 5, 1)}, "ends_on"),
        ],
    )
    def test_bad_input(self, sender, recipient, sender_editor, kwargs, field):
        with pytest.raises(ValidationError) as exc:
            record(sender_editor, [sender, recipient], **kwargs)
        assert field in exc.value.message_dict
        assert not Partnership.objects.exists()

    def test_needs_two_parties(self, sender, sender_editor):
        with pytest.raises(ValidationError):
            record(sender_editor, [sender, sender])
        with pytest.raises(ValidationError):
            record(sender_editor, [])

    def test_recorder_must_edit_a_party(self, sender, recipient, citizen):
        for user in (citizen, editor(OrganisationFactory())):
            with pytest.raises(PermissionDenied):
                record(user, [sender, recipient])

    def test_refused_file_saves_nothing(self, sender, recipient, sender_editor):
        with pytest.raises(ValidationError):
            record(sender_editor, [sender, recipient], document=SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 10))
        assert not Partnership.objects.exists()


class TestPages:
    @pytest.mark.parametrize("rows", [2, 12])
    def test_requests_page_queries_fixed(self, client, sender, sender_editor, rows, django_assert_max_num_queries):
        for _ in range(rows):
            PartnershipRequestFactory(to_organisation=sender, listing=ListingFactory())
            PartnershipRequestFactory(from_organisation=sender)
        client.force_login(sender_editor)
        for box in ("received", "sent"):
            with django_assert_max_num_queries(10):
                response = client.get(reverse("exchange:requests"), {"box": box})
            assert len(response.context["page_obj"].object_list) == rows

    def test_propose_with_htmx_then_answer(self, client, sender, recipient, sender_editor, recipient_editor):
        client.force_login(sender_editor)
        url = reverse("exchange:request-create", args=[recipient.pk])
        response = client.get(url, {"from": sender.pk}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and "<html" not in response.content.decode()
        response = client.post(url, {"from_organisation": sender.pk, "message": "Давайте"}, HTTP_HX_REQUEST="true")
        assert "govuk-notification-banner--success" in response.content.decode()
        response = client.post(url, {"from_organisation": sender.pk, "message": "Ещё раз"}, HTTP_HX_REQUEST="true")
        assert "already sent" in response.content.decode()
        item = PartnershipRequest.objects.get()
        client.force_login(recipient_editor)
        assert "Давайте" in client.get(reverse("exchange:requests")).content.decode()
        client.post(reverse("exchange:request-action", args=[item.pk, "accept"]), {"reply": "Да"})
        item.refresh_from_db()
        assert item.status == RequestStatus.ACCEPTED
        response = client.get(reverse("exchange:partnership-create"), {"request": item.pk})
        assert response.status_code == 200 and response.context["form"].initial["partners"] == str(sender.pk)

    def test_propose_to_oneself_shows_the_message(self, client, sender, sender_editor):
        client.force_login(sender_editor)
        url = reverse("exchange:request-create", args=[sender.pk])
        response = client.post(url, {"from_organisation": sender.pk, "message": "Сам себе"})
        assert response.status_code == 400  # sender is not among the organisations offered: the form refuses it
        assert not PartnershipRequest.objects.exists()

    def test_other_people_cannot_answer(self, client, sender, recipient, citizen):
        item = PartnershipRequestFactory(from_organisation=sender, to_organisation=recipient)
        client.force_login(citizen)
        assert client.post(reverse("exchange:request-action", args=[item.pk, "accept"])).status_code == 404
        client.force_login(editor(sender))
        client.post(reverse("exchange:request-action", args=[item.pk, "accept"]))
        item.refresh_from_db()
        assert item.status == RequestStatus.SENT

    def test_record_page(self, client, sender, recipient, sender_editor):
        client.force_login(sender_editor)
        data = {
            "organisation": sender.pk,
            "partners": f"{recipient.pk}",
            "title": "Меморандум о сотрудничестве",
            "signed_on": date.today().isoformat(),
            "document": SimpleUploadedFile("memo.pdf", PDF, content_type="application/pdf"),
        }
        response = client.post(reverse("exchange:partnership-create"), data)
        partnership = Partnership.objects.get()
        assert response.status_code == 302 and response.url == partnership.get_absolute_url()
        page = client.get(partnership.get_absolute_url()).content.decode()
        assert "Меморандум о сотрудничестве" in page and "memo.pdf" in page
        response = client.post(reverse("exchange:partnership-create"), {**data, "partners": "abc", "document": ""})
        assert response.status_code == 200 and "registry numbers" in response.content.decode()

    @pytest.mark.parametrize("rows", [2, 12])
    def test_organisation_partnerships_queries_fixed(self, client, sender, rows, django_assert_max_num_queries):
        for _ in range(rows):
            Partnership.objects.create(title="М", signed_on=date.today()).parties.set([sender, OrganisationFactory()])
        with django_assert_max_num_queries(8):
            response = client.get(reverse("exchange:organisation-partnerships", args=[sender.pk]))
        assert len(response.context["page_obj"].object_list) == rows
        partnership = Partnership.objects.first()
        assert client.get(partnership.get_absolute_url()).status_code == 200  # public


class TestApi:
    def test_send_accept_record(self, sender, recipient, sender_editor, recipient_editor):
        api = APIClient()
        api.force_authenticate(sender_editor)
        body = {"from_organisation": sender.pk, "to_organisation": recipient.pk, "message": "Давайте"}
        response = api.post("/api/v1/exchange/requests/", body, format="json")
        assert response.status_code == 201, response.content
        pk = response.json()["id"]
        assert api.post(f"/api/v1/exchange/requests/{pk}/accept/").status_code == 403
        api.force_authenticate(recipient_editor)
        assert api.get("/api/v1/exchange/requests/", {"box": "received"}).json()["count"] == 1
        response = api.post(f"/api/v1/exchange/requests/{pk}/accept/", {"reply": "Да"}, format="json")
        assert response.json()["status"] == "accepted"
        body = {"parties": [sender.pk, recipient.pk], "title": "Меморандум", "signed_on": "2025-01-10", "request": pk}
        response = api.post("/api/v1/exchange/partnerships/", body, format="json")
        assert response.status_code == 201, response.content
        assert APIClient().get("/api/v1/exchange/partnerships/", {"organisation": sender.pk}).json()["count"] == 1

    def test_refusals(self, sender, recipient, sender_editor, citizen):
        api = APIClient()
        api.force_authenticate(sender_editor)
        body = {"from_organisation": sender.pk, "to_organisation": sender.pk, "message": "Сам себе"}
        response = api.post("/api/v1/exchange/requests/", body, format="json")
        assert response.status_code == 400 and "to_organisation" in response.json()["errors"]
        item = PartnershipRequestFactory(from_organisation=sender, to_organisation=recipient)
        assert api.post(f"/api/v1/exchange/requests/{item.pk}/withdraw/").json()["status"] == "withdrawn"
        api.force_authenticate(citizen)
        assert api.get(f"/api/v1/exchange/requests/{item.pk}/").status_code == 404
        body = {"from_organisation": sender.pk, "to_organisation": recipient.pk, "message": "Чужое"}
        assert api.post("/api/v1/exchange/requests/", body, format="json").status_code == 403

    @pytest.mark.parametrize("rows", [2, 12])
    def test_lists_queries_fixed(self, sender, sender_editor, rows, django_assert_max_num_queries):
        for _ in range(rows):
            PartnershipRequestFactory(to_organisation=sender)
            Partnership.objects.create(title="М", signed_on=date.today()).parties.set([sender, OrganisationFactory()])
        api = APIClient()
        api.force_authenticate(sender_editor)
        with django_assert_max_num_queries(8):
            assert api.get("/api/v1/exchange/requests/").json()["count"] == rows
        with django_assert_max_num_queries(8):
            assert api.get("/api/v1/exchange/partnerships/").json()["count"] == rows
