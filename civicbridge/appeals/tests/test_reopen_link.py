"""A citizen without an account says "not resolved" through the signed link of the "answered" e-mail."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.appeals import links
from civicbridge.appeals.choices import AppealStatus
from civicbridge.appeals.models import Appeal
from civicbridge.appeals.services import lifecycle
from civicbridge.appeals.tests.factories import AppealFactory, person_of
from civicbridge.core.workflow import history_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def official(org):
    return person_of(org, Role.OFFICIAL, email="official@example.org")


@pytest.fixture
def recorded(org, official):
    """Recorded at a meeting for a citizen without an account who consented to e-mail; now answered."""
    appeal = AppealFactory(
        responsible=org,
        status=AppealStatus.IN_PROGRESS,
        contact_consent_at=timezone.now(),
        contact_email="aigul@example.kz",
        language="en",
    )
    return lifecycle.appeal_answer(appeal, actor=official, answer="The road will be repaired in spring.")


def link_in(body: str) -> str:
    return re.search(r"https?://\S+/appeals/not-resolved/\S+/", body).group(0)


def test_the_answered_email_carries_the_link_and_the_page_reopens(
    client, org, official, django_capture_on_commit_callbacks
):
    appeal = AppealFactory(
        responsible=org,
        status=AppealStatus.IN_PROGRESS,
        contact_consent_at=timezone.now(),
        contact_email="aigul@example.kz",
        language="en",
    )
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.appeal_answer(appeal, actor=official, answer="Done.")
    [message] = mail.outbox
    assert message.to == ["aigul@example.kz"]
    url = link_in(message.body)
    path = url[url.index("/appeals/") :]
    page = client.get(path)
    assert page.status_code == 200 and "Reopen my issue" in page.content.decode()
    assert client.post(path, {"reason": ""}).status_code == 400
    response = client.post(path, {"reason": "The road is still broken."})
    assert response.status_code == 302 and response.url == appeal.get_absolute_url()
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.IN_PROGRESS and appeal.reopened_count == 1 and appeal.answered_at is None
    last = list(history_for(appeal))[-1]
    assert last.action == "reopen" and last.actor is None and last.reason == "The road is still broken."
    # Used: the same link again says so.
    again = client.get(path)
    assert again.status_code == 410 and "already used" in again.content.decode()


def test_an_old_link_stops_working_after_a_new_answer(recorded, official):
    old = links.make_token(recorded)
    lifecycle.appeal_reopen_by_link(old, reason="No.")
    recorded.refresh_from_db()
    lifecycle.appeal_answer(recorded, actor=official, answer="Now it is repaired.")
    with pytest.raises(ValidationError) as caught:
        lifecycle.appeal_reopen_by_link(old, reason="Still no.")
    assert caught.value.code == "used"
    recorded.refresh_from_db()
    assert recorded.status == AppealStatus.ANSWERED
    lifecycle.appeal_reopen_by_link(links.make_token(recorded), reason="Still no.")  # the new link works


def test_forged_and_expired_links_are_refused(recorded, client):
    token = links.make_token(recorded)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    other_salt = signing.dumps({"a": recorded.pk, "t": recorded.answered_at.isoformat()}, salt="something-else")
    for bad in (forged, other_salt, "nonsense"):
        with pytest.raises(ValidationError) as caught:
            lifecycle.appeal_reopen_by_link(bad, reason="No.")
        assert caught.value.code == "invalid"
        page = client.get(reverse("appeals:reopen-link", args=[bad]))
        assert page.status_code == 404 and "not valid" in page.content.decode()
    later = timezone.now() + links.MAX_AGE + datetime.timedelta(days=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: later.timestamp())
        with pytest.raises(ValidationError) as caught:
            lifecycle.appeal_reopen_by_link(token, reason="No.")
        assert caught.value.code == "expired"
        page = client.get(reverse("appeals:reopen-link", args=[token]))
        assert page.status_code == 410 and "expired" in page.content.decode()
    assert Appeal.objects.get(pk=recorded.pk).status == AppealStatus.ANSWERED


def test_a_link_acts_only_on_its_own_issue_and_only_to_reopen(recorded, org, official):
    other = AppealFactory(responsible=org, status=AppealStatus.IN_PROGRESS)
    other = lifecycle.appeal_answer(other, actor=official, answer="Done.")
    holder = links.read_token(links.make_token(recorded))
    with pytest.raises(PermissionDenied):
        lifecycle.appeal_reopen(other, actor=holder, reason="No.")
    assert not holder.has_perm("appeals.handle_appeal", recorded)
    assert not holder.has_perm("appeals.view_private", recorded)
    assert not holder.has_perm("appeals.view_contacts", recorded)
    assert holder.has_perm("appeals.reopen_appeal", recorded)


def test_an_author_without_contact_gets_the_manage_page(org, official, citizen, django_capture_on_commit_callbacks):
    appeal = AppealFactory(responsible=org, author=citizen, status=AppealStatus.IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.appeal_answer(appeal, actor=official, answer="Done.")
    assert lifecycle._reopen_url(Appeal.objects.get(pk=appeal.pk)).endswith(reverse("appeals:manage", args=[appeal.pk]))
