"""Writes about users: sign-up with consent, consent changes, export and erasure of personal data."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.core import personal_data

from .choices import ConsentPurpose
from .models import Consent, Membership, User


@transaction.atomic
def user_register(
    *, email: str, password: str, full_name: str = "", language: str = "ru", consent_processing: bool
) -> User:
    """Create an account. Processing consent is required by KZ and RU law and is recorded with its text version."""
    email = (email or "").strip().lower()
    errors: dict[str, list[str]] = {}
    if not consent_processing:
        errors["consent_processing"] = [_("You must agree to the processing of your personal data to register.")]
    if User.objects.filter(email__iexact=email).exists():
        errors["email"] = [_("An account with this e-mail already exists.")]
    user = User(email=email, full_name=full_name.strip(), language=language)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password1"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    Consent.objects.create(user=user, purpose=ConsentPurpose.PROCESSING, granted=True)
    return user


def user_set_language(*, user: User, language: str) -> None:
    """Remember the interface language a user chose (the switcher, for a signed-in user); unknown codes are refused."""
    from django.conf import settings

    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError({"language": _("Choose Russian, Kazakh or English.")})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def consent_state(user: User) -> dict[str, bool]:
    """The latest answer per purpose (False where none was given)."""
    state = {p.value: False for p in ConsentPurpose}
    seen: set[str] = set()
    for purpose, granted in user.consents.order_by("-at", "-id").values_list("purpose", "granted"):
        if purpose not in seen:
            state[purpose] = granted
            seen.add(purpose)
    return state


@transaction.atomic
def consent_set(*, user: User, purpose: str, granted: bool) -> Consent | None:
    """Record a new answer for one purpose; nothing is written when the answer is unchanged."""
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": [_("Unknown consent purpose.")]})
    if consent_state(user)[purpose] == granted:
        return None
    consent = Consent.objects.create(user=user, purpose=purpose, granted=granted)
    person = getattr(user, "person", None)
    if purpose == ConsentPurpose.PUBLIC_CONTACTS and person is not None:
        from civicbridge.registry.services import person_update

        person_update(actor=None, person=person, contacts_public=granted)
    return consent


def personal_data_export(user: User) -> dict[str, Any]:
    """Everything the platform holds about the user, as JSON-safe data (the «download my data» file).

    The account's own data is here; every other app adds its sections through `core.personal_data`.
    """
    person = getattr(user, "person", None)
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "language": user.language,
            "time_zone": user.time_zone,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "roles": [
            {"role": m.role, "organisation": str(m.organisation) if m.organisation_id else None, "since": str(m.since)}
            for m in user.memberships.select_related("organisation")
        ],
        "consents": [
            {"purpose": c.purpose, "granted": c.granted, "text_version": c.text_version, "at": c.at.isoformat()}
            for c in user.consents.all()
        ],
        "person": None
        if person is None
        else {
            "full_name": person.full_name_ru,
            "email": person.email,
            "phone": person.phone,
            "contacts_public": person.contacts_public,
            "positions": [
                {
                    "title": p.title_ru,
                    "organisation": str(p.organisation),
                    "from": str(p.start_date or ""),
                    "to": str(p.end_date or ""),
                }
                for p in person.positions.select_related("organisation")
            ],
        },
        **personal_data.export_sections(user),
    }


@transaction.atomic
def user_erase(*, user: User) -> None:
    """Delete a user's personal data on request: the account is anonymised and closed; roles, tokens, notifications
    and notification preferences removed.

    Public-role records (a person's position in an organisation, cited from a news report) stay, unlinked from
    the account and without contacts. The consent history keeps one final row saying that data was erased.
    """
    person = getattr(user, "person", None)
    if person is not None:
        person.email = ""
        person.phone = ""
        person.contacts_public_since = None
        person.user = None
        person.save()
    Membership.objects.filter(user=user).delete()
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
    personal_data.erase_everywhere(user)
    user.consents.all().delete()
    user.email = f"erased-{user.pk}@invalid"
    user.full_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    Consent.objects.create(user=user, purpose=ConsentPurpose.PROCESSING, granted=False, text_version="erased")
