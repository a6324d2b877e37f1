"""The audit log: every registry change recorded with before/after, actor and request id; chain verifies."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from civicbridge.accounts.choices import Role
from civicbridge.accounts.models import Membership
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core import audit
from civicbridge.core.context import acting_as
from civicbridge.core.models import AuditEntry
from civicbridge.files.models import StoredFile
from civicbridge.registry import services
from civicbridge.registry.models import Organisation
from civicbridge.registry.tests.factories import CountryFactory, OrganisationFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def entries_for(obj):
    ct = ContentType.objects.get_for_model(obj)
    return list(AuditEntry.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("id"))


def test_create_update_delete_are_recorded_with_actor_and_request_id(moderator):
    country = CountryFactory(code="KZ")
    with acting_as(moderator, request_id="req-1"):
        org = services.organisation_create(actor=moderator, name_ru="Фонд «Открытый город»", country=country)
    with acting_as(moderator, request_id="req-2"):
        services.organisation_update(actor=moderator, organisation=org, short_name="ОГ")
    org_pk = org.pk
    with acting_as(moderator, request_id="req-3"):
        org.delete()

    log = list(AuditEntry.objects.filter(object_id=str(org_pk), content_type__model="organisation").order_by("id"))
    assert [e.action for e in log] == ["create", "update", "delete"]
    assert [e.request_id for e in log] == ["req-1", "req-2", "req-3"]
    assert all(e.actor == moderator for e in log)
    assert log[0].changes["name_ru"] == [None, "Фонд «Открытый город»"]
    assert log[1].changes == {"short_name": ["", "ОГ"]}
    assert log[2].changes["short_name"] == ["ОГ", None]


def test_saving_without_changes_writes_nothing(moderator):
    org = services.organisation_create(actor=moderator, name_ru="АНО «Тишина»", country=CountryFactory(code="KZ"))
    before = AuditEntry.objects.count()
    services.organisation_update(actor=moderator, organisation=org, name_ru="АНО «Тишина»")
    assert AuditEntry.objects.count() == before


def test_theme_changes_are_recorded(moderator):
    org = services.organisation_create(actor=moderator, name_ru="ОФ «Зелёный шаг»", country=CountryFactory(code="KZ"))
    eco, inclusion = ThemeFactory(code="ecology-t"), ThemeFactory(code="inclusion-t")
    services.organisation_update(actor=moderator, organisation=org, themes=[eco, inclusion])
    last = entries_for(org)[-1]
    assert last.changes == {"themes": [[], sorted([eco.pk, inclusion.pk])]}


def test_personal_fields_are_redacted_in_the_log():
    person = PersonFactory(email="private@example.org", phone="+7 701 111 22 33")
    created = entries_for(person)[0]
    assert "private@example.org" not in str(created.changes)
    assert "+7 701" not in str(created.changes)
    assert created.changes["email"][1].startswith(audit.REDACTED)


def test_chain_verifies_and_detects_tampering(moderator):
    country = CountryFactory(code="KZ")
    for i in range(3):
        services.organisation_create(actor=moderator, name_ru=f"Организация {i}", country=country)
    assert audit.verify_chain() == (True, None)
    victim = AuditEntry.objects.order_by("id")[1]
    AuditEntry.objects.filter(pk=victim.pk).update(changes={"name_ru": [None, "подделка"]})
    ok, first_bad = audit.verify_chain()
    assert not ok and first_bad == victim.pk


def test_audit_page_is_for_moderators_only(client, moderator, citizen, org):
    url = f"/audit/registry/organisation/{org.pk}/"
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 200
    assert str(org) in response.content.decode()


def test_rollback_leaves_no_audit_entry(moderator):
    """All-or-nothing: a failed transaction takes its audit entries with it."""
    from django.db import transaction

    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.organisation_create(actor=moderator, name_ru="Откат", country=CountryFactory(code="KZ"))
        raise RuntimeError("boom")
    assert AuditEntry.objects.count() == before
    assert not Organisation.objects.filter(name_ru="Откат").exists()


def test_deleting_an_organisation_logs_the_memberships_it_takes_along(moderator):
    """The cascade may delete the organisation before its memberships' post_delete runs: their `__str__` (which names
    the organisation) cannot be read then, and the log names them by model and id instead of failing the delete."""
    org = OrganisationFactory()
    memberships = [
        MembershipFactory(user=UserFactory(), role=Role.REPRESENTATIVE, organisation=org),
        MembershipFactory(user=UserFactory(), role=Role.ORG_ADMIN, organisation=org),
    ]
    org_pk = org.pk
    with acting_as(moderator, request_id="cascade"):
        org.delete()
    assert not Organisation.objects.filter(pk=org_pk).exists()
    assert not Membership.objects.filter(organisation_id=org_pk).exists()
    deleted = AuditEntry.objects.filter(request_id="cascade", action="delete")
    assert {(e.content_type.model, e.object_id) for e in deleted} == {("organisation", str(org_pk))} | {
        ("membership", str(m.pk)) for m in memberships
    }
    for membership in memberships:
        entry = deleted.get(content_type__model="membership", object_id=str(membership.pk))
        assert entry.object_repr in (str(membership), f"<Membership #{membership.pk}>")
        assert entry.changes["organisation_id"] == [org_pk, None]
    assert audit.verify_chain() == (True, None)


def test_describe_falls_back_to_model_and_id_when_a_related_row_is_gone():
    membership = MembershipFactory(role=Role.REPRESENTATIVE, organisation=OrganisationFactory())
    name = str(membership)
    assert audit.describe(membership) == name
    stale = Membership.objects.get(pk=membership.pk)  # the organisation is not cached on this copy
    Organisation.objects.filter(pk=membership.organisation_id).delete()
    assert audit.describe(stale) == f"<Membership #{membership.pk}>"


@pytest.fixture
def stored_files_audited_with_their_path(settings, tmp_path):
    """StoredFile as a module would register a model with a FileField (the files app itself leaves the path out)."""
    settings.MEDIA_ROOT = tmp_path
    kept = audit._registry[StoredFile], audit._redacted[StoredFile]
    audit.register(StoredFile)
    yield
    audit._registry[StoredFile], audit._redacted[StoredFile] = kept


def test_a_file_field_is_logged_as_its_stored_path(stored_files_audited_with_their_path, moderator):
    with acting_as(moderator):
        stored = StoredFile(
            file=ContentFile(b"%PDF-1.7 first", name="report.pdf"),
            original_name="report.pdf",
            safe_name="report.pdf",
            kind="pdf",
            content_type="application/pdf",
            size=14,
            sha256="0" * 64,
            purpose="tests.attachment",
        )
        stored.save()
        first = stored.file.name
        stored.file.save("report-2.pdf", ContentFile(b"%PDF-1.7 second"))
        second = stored.file.name
        pk = stored.pk
        stored.delete()
    created, updated, deleted = entries_for_pk(StoredFile, pk)
    assert first.endswith("/report.pdf") and second.endswith("/report-2.pdf")
    assert created.changes["file"] == [None, first]
    assert updated.changes["file"] == [first, second]
    assert deleted.changes["file"] == [second, None]
    json.dumps([created.changes, updated.changes, deleted.changes])
    assert audit.verify_chain() == (True, None)


def test_an_empty_file_field_is_left_out_of_a_creation_entry(stored_files_audited_with_their_path):
    stored = StoredFile.objects.create(
        original_name="", safe_name="", kind="pdf", content_type="", size=0, sha256="", purpose="tests.attachment"
    )
    assert audit.snapshot(stored)["file"] == ""
    assert "file" not in entries_for(stored)[0].changes


def entries_for_pk(model, pk):
    ct = ContentType.objects.get_for_model(model)
    return list(AuditEntry.objects.filter(content_type=ct, object_id=str(pk)).order_by("id"))
