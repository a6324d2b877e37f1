"""Moderation: hiding with a reason (audited, shown publicly), a public text without personal data, showing again,
reports to moderators and the queue; permissions and bad input."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from civicbridge.appeals.choices import HideReason
from civicbridge.appeals.models import Appeal
from civicbridge.appeals.services.moderation import (
    appeal_hide,
    appeal_report,
    appeal_set_public_text,
    appeal_unhide,
)
from civicbridge.core.context import acting_as
from civicbridge.core.models import AuditEntry
from civicbridge.notifications.models import Notification

from .factories import AppealFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TEXT = "Сосед Иван Петров, ул. Абая 5, кв. 12, тел. +7 701 123 45 67, сливает мусор во двор."
CLEAN = "Сосед сливает мусор во двор."


def audit_of(appeal) -> list[AuditEntry]:
    content_type = ContentType.objects.get_for_model(Appeal)
    return list(AuditEntry.objects.filter(content_type=content_type, object_id=str(appeal.pk)).order_by("id"))


class TestHide:
    def test_hiding_is_audited_with_the_moderator(self, moderator):
        appeal = AppealFactory(text=TEXT)
        with acting_as(moderator):
            appeal_hide(actor=moderator, appeal=appeal, reason=HideReason.PERSONAL_DATA, note="адрес и телефон")
        appeal.refresh_from_db()
        assert appeal.is_hidden and appeal.hidden_by == moderator and appeal.hidden_reason == "personal_data"
        entry = audit_of(appeal)[-1]
        assert entry.action == "update" and entry.actor == moderator
        assert entry.changes["hidden_reason"] == ["", "personal_data"]
        assert entry.changes["hidden_note"] == ["", "адрес и телефон"]
        assert entry.changes["hidden_at"][0] is None and entry.changes["hidden_at"][1]

    def test_unhide_is_audited_too_and_keeps_the_public_text(self, moderator):
        appeal = AppealFactory(text=TEXT)
        with acting_as(moderator):
            appeal_hide(actor=moderator, appeal=appeal, reason=HideReason.PERSONAL_DATA, public_text=CLEAN)
            appeal_unhide(actor=moderator, appeal=appeal)
        appeal.refresh_from_db()
        assert not appeal.is_hidden and appeal.hidden_reason == "" and appeal.public_text == CLEAN
        assert audit_of(appeal)[-1].changes["hidden_reason"] == ["personal_data", ""]
        with pytest.raises(ValidationError, match="not hidden"):
            appeal_unhide(actor=moderator, appeal=appeal)

    def test_the_public_page_shows_the_reason_not_the_words(self, client, moderator):
        appeal = AppealFactory(title="Оскорбительный заголовок", text=TEXT)
        appeal_hide(actor=moderator, appeal=appeal, reason=HideReason.ABUSIVE)
        html = client.get(appeal.get_absolute_url()).content.decode()
        assert "Hidden by a moderator: abusive content" in html
        assert "Оскорбительный" not in html and "Петров" not in html

    @pytest.mark.parametrize(
        ("reason", "note", "field"), [("rude", "", "reason"), ("", "", "reason"), ("abusive", "x" * 2001, "note")]
    )
    def test_bad_input_saves_nothing(self, moderator, reason, note, field):
        appeal = AppealFactory()
        before = len(audit_of(appeal))
        with pytest.raises(ValidationError) as refused:
            appeal_hide(actor=moderator, appeal=appeal, reason=reason, note=note)
        assert field in refused.value.error_dict
        appeal.refresh_from_db()
        assert not appeal.is_hidden and len(audit_of(appeal)) == before

    @pytest.mark.parametrize("who", ["citizen", "representative"])
    def test_only_moderators_and_admins(self, request, who):
        appeal = AppealFactory()
        user = request.getfixturevalue(who)
        with pytest.raises(PermissionDenied):
            appeal_hide(actor=user, appeal=appeal, reason=HideReason.ABUSIVE)
        with pytest.raises(PermissionDenied):
            appeal_set_public_text(actor=user, appeal=appeal, public_text=CLEAN)

    def test_admin_may(self, admin_user):
        appeal = AppealFactory()
        appeal_hide(actor=admin_user, appeal=appeal, reason=HideReason.OFF_TOPIC)
        assert Appeal.objects.get(pk=appeal.pk).hidden_reason == "off_topic"


class TestPublicText:
    def test_public_pages_show_the_cleaned_text(self, client, moderator):
        appeal = AppealFactory(text=TEXT)
        with acting_as(moderator):
            appeal_set_public_text(actor=moderator, appeal=appeal, public_text=f"  {CLEAN}  ")
        assert Appeal.objects.get(pk=appeal.pk).public_text == CLEAN
        assert audit_of(appeal)[-1].changes["public_text"] == ["", CLEAN]
        html = client.get(appeal.get_absolute_url()).content.decode()
        assert CLEAN in html and "Петров" not in html

    def test_the_unchanged_text_is_refused(self, moderator):
        appeal = AppealFactory(text=TEXT)
        with pytest.raises(ValidationError) as refused:
            appeal_set_public_text(actor=moderator, appeal=appeal, public_text=TEXT)
        assert "public_text" in refused.value.error_dict

    def test_blank_shows_the_citizens_text_again(self, moderator):
        appeal = AppealFactory(text=TEXT, public_text=CLEAN)
        appeal_set_public_text(actor=moderator, appeal=appeal, public_text="  ")
        assert Appeal.objects.get(pk=appeal.pk).public_text == ""


class TestReport:
    def test_moderators_are_told_and_see_it_in_their_queue(
        self, client, citizen, moderator, django_capture_on_commit_callbacks
    ):
        appeal = AppealFactory()
        other = AppealFactory()  # not reported
        with django_capture_on_commit_callbacks(execute=True):
            appeal_report(actor=citizen, appeal=appeal, note="Здесь чужой телефон")
        notification = Notification.objects.get(recipient=moderator, event="appeals.appeal_reported")
        assert "Здесь чужой телефон" in notification.body
        client.force_login(moderator)
        html = client.get(reverse("appeals:moderation"), {"tab": "reported"}).content.decode()
        assert reverse("appeals:moderate", args=[appeal.pk]) in html
        assert reverse("appeals:moderate", args=[other.pk]) not in html

    def test_a_report_needs_words(self, citizen):
        with pytest.raises(ValidationError):
            appeal_report(actor=citizen, appeal=AppealFactory(), note="  ")

    def test_report_page(self, client, citizen):
        appeal = AppealFactory()
        url = reverse("appeals:report", args=[appeal.pk])
        assert client.get(url).status_code == 302  # sign in first
        client.force_login(citizen)
        assert client.get(url).status_code == 200
        response = client.post(url, {"note": ""})
        assert response.status_code == 400
        response = client.post(url, {"note": "Оскорбления"})
        assert response.status_code == 302 and response.url == appeal.get_absolute_url()


class TestPages:
    def test_queue_tabs_and_query_count(self, client, moderator, django_assert_max_num_queries):
        for _n in range(5):
            AppealFactory()
        hidden = AppealFactory(title="Скрытое")
        appeal_hide(actor=moderator, appeal=hidden, reason=HideReason.ABUSIVE)
        client.force_login(moderator)
        with django_assert_max_num_queries(8):
            recent = client.get(reverse("appeals:moderation")).content.decode()
        assert "Скрытое" not in recent and recent.count("/moderate/") == 5
        with django_assert_max_num_queries(8):
            hidden_tab = client.get(reverse("appeals:moderation"), {"tab": "hidden"}).content.decode()
        assert "Скрытое" in hidden_tab and "abusive content" in hidden_tab

    def test_hide_and_unhide_through_the_page(self, client, moderator):
        appeal = AppealFactory(text=TEXT)
        client.force_login(moderator)
        page = client.get(reverse("appeals:moderate", args=[appeal.pk]))
        assert page.status_code == 200 and "Петров" in page.content.decode()  # the moderator sees the original
        url = reverse("appeals:moderate-action", args=[appeal.pk, "hide"])
        assert client.post(url, {"reason": "nonsense"}).status_code == 400
        response = client.post(url, {"reason": "personal_data", "note": "телефон"})
        assert response.status_code == 302 and Appeal.objects.get(pk=appeal.pk).is_hidden
        client.post(reverse("appeals:moderate-action", args=[appeal.pk, "public_text"]), {"public_text": CLEAN})
        client.post(reverse("appeals:moderate-action", args=[appeal.pk, "unhide"]))
        appeal.refresh_from_db()
        assert not appeal.is_hidden and appeal.public_text == CLEAN
        assert client.post(reverse("appeals:moderate-action", args=[appeal.pk, "delete"])).status_code == 404

    def test_others_are_refused(self, client, citizen):
        appeal = AppealFactory()
        client.force_login(citizen)
        assert client.get(reverse("appeals:moderation")).status_code == 403
        assert client.get(reverse("appeals:moderate", args=[appeal.pk])).status_code == 403
        response = client.post(reverse("appeals:moderate-action", args=[appeal.pk, "hide"]), {"reason": "abusive"})
        assert response.status_code == 403 and not Appeal.objects.get(pk=appeal.pk).is_hidden


class TestHiddenEverywhere:
    """A hidden issue's words reach no public surface: the tracker, the API, Open311, the search."""

    def test_no_public_surface_shows_the_hidden_words(self, client, moderator, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):  # the search index follows on commit
            appeal = AppealFactory(title="Оскорбительный заголовок", text=TEXT)
        in_search = client.get("/search/", {"q": "Оскорбительный заголовок"}).content.decode()
        assert appeal.get_absolute_url() in in_search  # found while public
        with django_capture_on_commit_callbacks(execute=True):
            appeal_hide(actor=moderator, appeal=appeal, reason=HideReason.ABUSIVE)
        for url in (
            reverse("appeals:tracker"),
            appeal.get_absolute_url(),
            "/api/v1/appeals/",
            f"/api/v1/appeals/{appeal.pk}/",
            "/api/v1/open311/requests/",
            f"/api/v1/open311/requests/{appeal.pk}/",
        ):
            response = client.get(url)
            assert response.status_code in (200, 404), url
            body = response.content.decode()
            assert "Оскорбительный" not in body and "Петров" not in body, url
        in_search = client.get("/search/", {"q": "Оскорбительный заголовок"}).content.decode()
        assert appeal.get_absolute_url() not in in_search
