"""A citizen's issues in «download my data», and erasure: the issues stay public, anonymised."""

import json

import pytest
from django.utils import timezone

from civicbridge.accounts.services import personal_data_export, user_erase
from civicbridge.appeals.models import Appeal, Supporter
from civicbridge.appeals.tests.factories import AppealFactory, SupporterFactory
from civicbridge.core.audit import is_registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(citizen):
    return AppealFactory(
        author=citizen,
        public_name="Aigul",
        contact_consent_at=timezone.now(),
        contact_name="Aigul Serikova",
        contact_email="aigul@example.kz",
        contact_phone="+7 701 111 22 33",
    )


def test_the_download_holds_my_issues_and_supports(citizen, mine):
    supported = AppealFactory()
    SupporterFactory(appeal=supported, user=citizen)
    data = personal_data_export(citizen)
    json.dumps(data)  # JSON-safe
    (row,) = data["citizens_issues"]
    assert (row["number"], row["contact_email"], row["public_name"]) == (mine.pk, "aigul@example.kz", "Aigul")
    assert data["citizens_issues_supported"] == [supported.pk]


def test_erasure_keeps_the_issue_public_but_anonymous(citizen, mine):
    other = AppealFactory(public_name="Bolat")
    supported = AppealFactory(supporters_count=2)
    SupporterFactory(appeal=supported, user=citizen)
    user_erase(user=citizen)
    mine.refresh_from_db()
    assert mine.author is None and mine.public_name == ""
    assert (mine.contact_name, mine.contact_email, mine.contact_phone, mine.contact_consent_at) == ("", "", "", None)
    assert Appeal.objects.filter(pk=mine.pk, title=mine.title).exists()  # the issue stays
    assert Appeal.objects.get(pk=other.pk).public_name == "Bolat"  # others untouched
    assert not Supporter.objects.filter(user=citizen).exists()
    assert Appeal.objects.get(pk=supported.pk).supporters_count == 1


def test_the_audit_log_does_not_keep_contacts(citizen, mine):
    from civicbridge.core.models import AuditEntry

    assert is_registered(Appeal)
    mine.contact_phone = "+7 701 999 99 99"
    mine.save()
    logged = json.dumps([entry.changes for entry in AuditEntry.objects.all()], ensure_ascii=False)
    assert "999 99 99" not in logged and "aigul@example.kz" not in logged
