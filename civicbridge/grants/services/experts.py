"""The expert pool: who may review, on which themes and regions, in which languages, and how much at once."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from civicbridge.accounts.choices import Role
from civicbridge.accounts.models import Membership
from civicbridge.core.permissions import require
from civicbridge.registry.models import Region, Theme

from ..models import ExpertProfile

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES} | {"ru", "kk", "en"}


def _check(languages: list[str], max_load: int) -> list[str]:
    languages = [code.strip().lower() for code in languages if code and code.strip()]
    errors = {}
    if not languages:
        errors["languages"] = _("Name at least one language the expert reads.")
    elif unknown := sorted(set(languages) - LANGUAGE_CODES):
        errors["languages"] = _("Unknown language codes: %(codes)s.") % {"codes": ", ".join(unknown)}
    if max_load < 1:
        errors["max_load"] = _("An expert must be able to take at least one review.")
    if errors:
        raise ValidationError(errors)
    return list(dict.fromkeys(languages))


@transaction.atomic
def expert_profile_save(
    *,
    actor,
    user,
    languages: list[str],
    max_load: int = 20,
    themes: Iterable[Theme] = (),
    regions: Iterable[Region] = (),
    is_active: bool = True,
) -> ExpertProfile:
    """Add a user to the expert pool or update their profile; gives them the expert role if they lack it."""
    require(actor, "grants.manage_expert_pool")
    languages = _check(list(languages), max_load)
    profile, _created = ExpertProfile.objects.update_or_create(
        user=user, defaults={"languages": languages, "max_load": max_load, "is_active": is_active}
    )
    profile.themes.set(list(themes))
    profile.regions.set(list(regions))
    Membership.objects.get_or_create(user=user, role=Role.EXPERT, organisation=None)
    if hasattr(user, "_cb_roles"):
        del user._cb_roles  # the role cache of this request is stale now
    return profile


@transaction.atomic
def expert_set_active(*, actor, profile: ExpertProfile, is_active: bool) -> ExpertProfile:
    """Take an expert out of the pool (no new assignments; their open reviews stay) or bring them back."""
    require(actor, "grants.manage_expert_pool")
    profile.is_active = is_active
    profile.save(update_fields=["is_active", "updated_at"])
    return profile
