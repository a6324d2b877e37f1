"""`civicbridge loaddemo`: dependency order, the report's people and their source, the generated sector, idempotence."""

import random
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import reverse

from civicbridge.accounts.choices import ConsentPurpose, Role
from civicbridge.accounts.demo import demo_accounts
from civicbridge.accounts.models import Consent, Membership, User
from civicbridge.accounts.services import consent_state
from civicbridge.core.management.commands.loaddemo import demo_modules, load_order
from civicbridge.core.models import AuditEntry, Citation, Source
from civicbridge.grants.models import Application, Call, Report, Review
from civicbridge.registry import demo as registry_demo
from civicbridge.registry.choices import OrganisationKind
from civicbridge.registry.filtersets import OrganisationFilterSet
from civicbridge.registry.identifiers import validate_bin, validate_inn, validate_ogrn
from civicbridge.registry.models import NetworkMembership, Organisation, Person, Position, Theme
from civicbridge.registry.selectors import organisation_detail, organisation_list


def test_demo_modules_load_after_their_dependencies():
    modules = demo_modules()
    assert {"registry", "accounts"} <= set(modules)
    order = load_order(modules)
    assert order.index("registry") < order.index("accounts")


def test_load_order_is_topological_and_refuses_loops_and_unknown_apps():
    fake = {
        "accounts": SimpleNamespace(DEPENDS_ON=["registry"]),
        "registry": SimpleNamespace(DEPENDS_ON=["core"]),
        "core": SimpleNamespace(),
    }
    assert load_order(fake) == ["core", "registry", "accounts"]
    # A dependency on an installed app without demo data is simply satisfied.
    assert load_order({"accounts": SimpleNamespace(DEPENDS_ON=["core"])}) == ["accounts"]
    with pytest.raises(CommandError, match="loop"):
        load_order({"core": SimpleNamespace(DEPENDS_ON=["registry"]), "registry": SimpleNamespace(DEPENDS_ON=["core"])})
    with pytest.raises(CommandError, match="not installed"):
        load_order({"registry": SimpleNamespace(DEPENDS_ON=["no_such_app"])})


def test_generated_plan_depends_only_on_the_seed():
    assert registry_demo.build_plan(random.Random(7)) == registry_demo.build_plan(random.Random(7))
    assert registry_demo.build_plan(random.Random(7)) != registry_demo.build_plan(random.Random(8))


@pytest.mark.django_db
def test_loaddemo_without_reference_data_says_so_and_writes_nothing():
    Theme.objects.filter(code="inclusion").delete()
    with pytest.raises(CommandError, match="Reference data is missing.*inclusion"):
        call_command("loaddemo", stdout=StringIO())
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.filter(content_type__app_label="registry", action="create").exists()


def _counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.mark.django_db
def test_loaddemo_loads_the_report_and_a_sector_and_a_second_run_changes_nothing(client):
    # One test on purpose: loading the demo takes seconds, so every check shares one load.
    out = StringIO()
    call_command("loaddemo", stdout=out)
    output = out.getvalue()

    # The generated sector: at least 300 NGOs in every Kazakh region and many Russian ones, valid identifiers.
    ngos = Organisation.objects.filter(kind=OrganisationKind.NGO)
    assert ngos.count() >= 300
    assert ngos.filter(country="KZ").values("region").distinct().count() == 20
    assert ngos.filter(country="RU").values("region").distinct().count() >= 25
    for bin_, inn, ogrn, country in Organisation.objects.values_list("bin", "inn", "ogrn", "country"):
        if country == "KZ" and bin_:
            validate_bin(bin_)
        if country == "RU" and inn:
            validate_inn(inn)
            validate_ogrn(ogrn)
    assert not ngos.filter(themes__isnull=True).exists()
    assert Organisation.objects.filter(kind=OrganisationKind.NETWORK).count() >= 6
    assert Position.objects.filter(organisation__kind=OrganisationKind.NGO).count() >= 300
    assert not Person.objects.filter(contacts_public_since__isnull=False).exists()

    # ГАК is found as the directory searches, with Бану Нургазиева as its president and the report as source.
    gak = Organisation.objects.get(short_name="ГАК")
    for query in ("ГАК", "альянс", "АЛЬЯНС", "гражданский альянс казахстана"):
        found = OrganisationFilterSet({"q": query}, queryset=organisation_list()).qs
        assert gak in found, query
    gak = organisation_detail().get(pk=gak.pk)
    president = next(p for p in gak.current_positions if p.person.full_name_ru == "Бану Нургазиева")
    assert president.title_ru == "президент"
    source = Source.objects.get(title=registry_demo.REPORT_TITLE)
    for quote in registry_demo.REPORT_QUOTES:
        assert quote in source.text
    for obj in (gak, president, president.person):
        citation = Citation.objects.get(source=source, object_id=obj.pk, content_type__model=obj._meta.model_name)
        assert "Бану Нургазиева" in citation.quote
    # …and so do the directory page, the organisation's page and the API.
    for query in ("ГАК", "альянс", "АЛЬЯНС"):
        page = client.get(reverse("registry:organisation-list"), {"q": query})
        assert page.status_code == 200 and gak.get_absolute_url() in page.content.decode(), query
        api = client.get("/api/v1/organisations/", {"q": query}).json()
        assert gak.pk in [row["id"] for row in api["results"]], query
    page = client.get(gak.get_absolute_url()).content.decode()
    assert "Бану Нургазиева" in page and "президент" in page and registry_demo.REPORT_TITLE in page
    assert gak.current_members and any(m.membership_type == "associate" for m in gak.current_members)
    assert NetworkMembership.objects.filter(network=gak, left_on__isnull=True).count() >= 75

    # The other people of the report, in the units the report names.
    for name, unit, org in (
        (
            "Елена Тополева-Солдунова",
            "Комиссия по развитию некоммерческого сектора",
            "Общественная палата Российской Федерации",
        ),
        ("Ирина Смирнова", "Мажилис", "Парламент Республики Казахстан"),
        (
            "Елдар Сапаров",
            "Комитет по делам гражданского общества",
            "Министерство культуры и информации Республики Казахстан",
        ),
    ):
        position = Position.objects.select_related("unit", "organisation").get(person__full_name_ru=name)
        assert (position.unit.name_ru, position.organisation.name_ru) == (unit, org)
        assert Citation.objects.filter(source=source, object_id=position.pk, content_type__model="position").exists()

    # Demo accounts: one per role, listed by the command.
    assert "Demo accounts:" in output
    rows = demo_accounts()
    assert len(rows) == 9
    for email, password, _role in rows:
        assert email in output and password in output
    ngo_user = User.objects.get(email="ngo@demo.civicbridge.kz")
    showcase = Organisation.objects.get(bin=registry_demo.SHOWCASE_NGO_BIN)
    assert ngo_user.has_perm("registry.change_organisation", showcase)
    assert not ngo_user.has_perm("registry.change_organisation", gak)
    assert Membership.objects.filter(
        user__email="coordinator@demo.civicbridge.kz", role=Role.COORDINATOR, organisation=gak
    ).exists()
    assert User.objects.get(email="admin@demo.civicbridge.kz").is_superuser
    for user in User.objects.filter(email__endswith="@demo.civicbridge.kz"):
        assert consent_state(user)[ConsentPurpose.PROCESSING]

    # State support: a finished national call, a cross-border call in review and an open one, each at its stage.
    national, cross, open_call = (
        Call.objects.get(code=code) for code in ("kz-2026-ngo", "kz-ru-2026", "kz-2027-rural")
    )
    assert (national.status, cross.status, open_call.status) == ("results_published", "in_review", "published")
    assert open_call.is_open() and not national.is_open()
    statuses = set(national.applications.values_list("status", flat=True))
    assert {"awarded", "waitlisted", "rejected", "ineligible", "withdrawn"} <= statuses
    assert Report.objects.filter(agreement__application__call=national).values("status").distinct().count() >= 3
    assert Review.objects.filter(application__call=cross, is_extra=True, status="submitted").exists()
    expert = User.objects.get(email="expert@demo.civicbridge.kz")
    assert Review.objects.filter(expert=expert, status="assigned").exists()
    assert Application.objects.filter(call=open_call, organisation=showcase, status="draft").exists()
    results = client.get(reverse("grants:call-results", args=[national.code]))
    assert results.status_code == 200
    winner = national.applications.filter(status="awarded").first()
    assert winner.title in results.content.decode()

    # A second run creates nothing and writes nothing to the audit log.
    counts, last_audit = _counts(), AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    out = StringIO()
    call_command("loaddemo", stdout=out)
    assert _counts() == counts
    assert AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() == last_audit
    assert "nothing new" in out.getvalue()
    demo_users = User.objects.filter(email__endswith="@demo.civicbridge.kz")
    assert Consent.objects.filter(user__in=demo_users).count() == demo_users.count()

    # Every demo account signs in with the shared password (axes needs the request to rate-limit).
    for email, password, _role in rows:
        assert client.login(request=RequestFactory().post("/"), email=email, password=password), email
        client.logout()
