"""Demo accounts: one user per role of DOMAIN.md, all with one shared password, listed at the end of loaddemo."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from civicbridge.registry.demo import SHOWCASE_NGO_BIN
from civicbridge.registry.models import Organisation

from .choices import Role
from .models import Membership, User
from .services import user_register

DEPENDS_ON = ["registry"]

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 -- published on purpose: the demo's shared password
DEMO_DOMAIN = "demo.civicbridge.kz"

# (local part of the e-mail, full name, role or None, organisation: "ngo" | "gak" | "mki" | None, superuser)
ACCOUNTS: tuple[tuple[str, str, str | None, str | None, bool], ...] = (
    ("citizen", "Демо: гражданин", None, None, False),
    ("ngo", "Демо: представитель НПО", Role.REPRESENTATIVE, "ngo", False),
    ("coordinator", "Демо: координатор сети", Role.COORDINATOR, "gak", False),
    ("official", "Демо: государственный служащий", Role.OFFICIAL, "mki", False),
    ("operator", "Демо: грантовый оператор", Role.OPERATOR, "mki", False),
    ("expert", "Демо: эксперт", Role.EXPERT, None, False),
    ("working-group", "Демо: член рабочей группы", Role.WORKING_GROUP, "mki", False),
    ("moderator", "Демо: модератор", Role.MODERATOR, None, False),
    ("admin", "Демо: администратор", None, None, True),
)


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def _organisations() -> dict[str, Organisation]:
    """The organisations the demo roles act for, found by the registry demo's natural keys."""
    found = {
        "ngo": Organisation.objects.filter(bin=SHOWCASE_NGO_BIN).first(),
        "gak": Organisation.objects.filter(short_name="ГАК", country="KZ").first(),
        "mki": Organisation.objects.filter(short_name="МКИ", country="KZ").first(),
    }
    missing = sorted(key for key, org in found.items() if org is None)
    if missing:
        raise LookupError(f"The registry demo data is missing ({', '.join(missing)}): load it first.")
    return found


def load(*, stdout: Any) -> None:
    """Create the demo users with their roles (password and consent only when a user is created)."""
    # A second run neither resets a password someone changed nor answers for a user who withdrew consent.
    orgs = _organisations()
    created = 0
    for local, full_name, role, org_key, superuser in ACCOUNTS:
        user = User.objects.filter(email__iexact=_email(local)).first()
        if user is None:
            # Registration records the processing consent, as for anyone who signs up.
            user = user_register(
                email=_email(local), password=DEMO_PASSWORD, full_name=full_name, consent_processing=True
            )
            created += 1
        if superuser and not (user.is_staff and user.is_superuser):
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        if role is not None:
            Membership.objects.get_or_create(user=user, role=role, organisation=orgs[org_key] if org_key else None)
    stdout.write(f"accounts: {len(ACCOUNTS)} demo users, {created} created.")


def demo_accounts() -> list[tuple[str, str, str]]:
    """(e-mail, password, role) of every demo user, for the table loaddemo prints."""
    labels = {None: _("citizen"), **{role.value: role.label for role in Role}}
    try:
        orgs = _organisations()
    except LookupError:
        orgs = {}
    rows = []
    for local, _name, role, org_key, superuser in ACCOUNTS:
        label = _("administrator") if superuser else str(labels[role])
        if org_key in orgs:
            label = f"{label} — {orgs[org_key].short_name or orgs[org_key]}"
        rows.append((_email(local), DEMO_PASSWORD, label))
    return rows
