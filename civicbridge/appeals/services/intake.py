"""Intake: a citizen sends an issue online, or an organiser records one raised at a meeting.

One transaction: check, save, route (services.routing), then e-mail the citizen ("received, number N, goes to X,
answer expected by D") and the responsible organisation's people. Contacts are kept only with consent, whose time is
recorded; an anonymous issue shows no name.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.core.permissions import require
from civicbridge.core.text import search_blob
from civicbridge.registry.models import Country, Region, Theme

from ..choices import Channel
from ..models import Appeal, Category
from ..notifications import RECEIVED, tell_citizen
from . import routing


@dataclass
class IssueInput:
    """What the intake form gives the service."""

    title: str
    text: str
    category: Category
    country: Country
    region: Region | None = None
    theme: Theme | None = None
    event: object | None = None
    language: str = "ru"
    is_anonymous: bool = False
    public_name: str = ""
    consent: bool = False
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    channel: str = ""


def _check(data: IssueInput, *, needs_contact: bool) -> None:
    errors: dict[str, list[str]] = {}
    if not data.title.strip():
        errors.setdefault("title", []).append(_("Give the issue a short title."))
    if not data.text.strip():
        errors.setdefault("text", []).append(_("Describe the issue."))
    if not data.category.is_active:
        errors.setdefault("category", []).append(_("This category is no longer used: choose another."))
    if data.region is not None and data.region.country_id != data.country.pk:
        errors.setdefault("region", []).append(_("The region is not in the chosen country."))
    contacts = [data.contact_name, data.contact_email, data.contact_phone]
    if not data.consent and any(value.strip() for value in contacts):
        errors.setdefault("consent", []).append(
            _("Contacts are kept only with the citizen's consent: tick the consent or leave the contacts empty.")
        )
    if data.consent and needs_contact and not (data.contact_email.strip() or data.contact_phone.strip()):
        errors.setdefault("contact_email", []).append(_("Give an e-mail or a phone to be contacted at."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def appeal_submit(*, actor, data: IssueInput) -> Appeal:
    """A signed-in citizen sends an issue online (they are its author: they may reopen it)."""
    require(actor, "appeals.add_appeal", None)
    _check(data, needs_contact=False)
    appeal = _build(data, channel=Channel.ONLINE)
    appeal.author = actor
    return _save(appeal)


@transaction.atomic
def appeal_record(*, actor, data: IssueInput) -> Appeal:
    """An organiser (or a coordinator) records an issue a citizen raised at a meeting, or received by mail or phone."""
    require(actor, "appeals.record_appeal", data.event)
    _check(data, needs_contact=True)
    appeal = _build(data, channel=data.channel or (Channel.MEETING if data.event is not None else Channel.OTHER))
    appeal.recorded_by = actor
    return _save(appeal)


def _build(data: IssueInput, *, channel: str) -> Appeal:
    consented = data.consent
    return Appeal(
        title=data.title.strip(),
        text=data.text.strip(),
        language=data.language,
        category=data.category,
        theme=data.theme or data.category.theme,
        country=data.country,
        region=data.region,
        event=data.event,
        channel=channel,
        is_anonymous=data.is_anonymous,
        public_name="" if data.is_anonymous else data.public_name.strip(),
        contact_consent_at=timezone.now() if consented else None,
        contact_name=data.contact_name.strip() if consented else "",
        contact_email=data.contact_email.strip() if consented else "",
        contact_phone=data.contact_phone.strip() if consented else "",
        search_text=search_blob([data.title, data.text]),
    )


def _save(appeal: Appeal) -> Appeal:
    appeal.full_clean(exclude=["search_text"])
    appeal.save()
    routing.route(appeal, actor=appeal.recorded_by or appeal.author)
    tell_citizen(appeal, RECEIVED, {})
    if appeal.responsible_id is not None:
        routing.tell_responsible(appeal)
    return appeal
