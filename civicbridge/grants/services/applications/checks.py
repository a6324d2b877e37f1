"""The checks before submission: every problem with its field (definitions in the package's docstring)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ...choices import ApplicationStatus, CallStatus
from ...models import (
    Activity,
    Application,
    BudgetLine,
)
from .base import CENT, REQUIRED_TEXT, Problem, _label, _money

# ---------------------------------------------------------------------------------------------------------------
# Checks before submission
# ---------------------------------------------------------------------------------------------------------------


def project_months(starts_on: date, ends_on: date) -> int:
    """The project's length in months, a started month counting whole (see the module's docstring)."""
    span = relativedelta(ends_on + timedelta(days=1), starts_on)
    return span.years * 12 + span.months + (1 if span.days else 0)


def validate_for_submission(application: Application, *, now=None) -> list[Problem]:
    """Every reason the application cannot be submitted now, each with its field; empty when it can be."""
    call = application.call
    now = now or timezone.now()
    problems: list[Problem] = []

    def add(field: str, message: str) -> None:
        problems.append(Problem(field, message))

    if application.status != ApplicationStatus.DRAFT:
        add("status", _("This application has already been submitted."))
        return problems
    if call.status != CallStatus.PUBLISHED or not call.is_open(now):
        if now >= call.closes_at:
            add(
                "call",
                _("The call closed at %(closes)s; applications are no longer accepted.")
                % {"closes": _when(call.closes_at)},
            )
        else:
            add("call", _("The call is not accepting applications now."))

    for field in REQUIRED_TEXT:
        if not (getattr(application, field) or "").strip():
            add(field, _("Fill in “%(field)s”.") % {"field": _label(field)})
    languages = list(call.submission_languages or [])
    if languages and application.language not in languages:
        add(
            "language",
            _("This call accepts applications only in: %(languages)s.") % {"languages": ", ".join(languages)},
        )

    tasks = list(application.tasks.all())
    activities = list(application.activities.all())
    indicators = list(application.indicators.all())
    lines = list(application.budget_lines.all())
    if not tasks:
        add("tasks", _("List at least one task."))
    if not activities:
        add("activities", _("List at least one activity."))
    if not indicators:
        add("indicators", _("Give at least one expected result as an indicator with a target."))

    _check_dates(application, activities, add)
    requested, cofinancing = _check_budget(application, lines, add)
    if lines and requested > 0:
        _check_band_and_cofinancing(application, requested, cofinancing, add)

    have = {d.required_document_id for d in application.documents.all() if d.required_document_id}
    for document in call.required_documents.filter(mandatory=True):
        if document.pk not in have:
            add("documents", _("Attach “%(document)s”.") % {"document": document.name})
    return problems


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _check_dates(application: Application, activities: list[Activity], add) -> None:
    starts, ends = application.starts_on, application.ends_on
    if not starts or not ends:
        add("starts_on", _("Give the project's start and end dates."))
        return
    if ends < starts:
        add("ends_on", _("The project must end on or after its start date."))
        return
    terms = list(application.call.duration_terms.all())
    months = project_months(starts, ends)
    if terms and not any(t.min_months <= months <= t.max_months for t in terms):
        allowed = "; ".join(
            _("%(name)s: %(low)s–%(high)s months") % {"name": t.name, "low": t.min_months, "high": t.max_months}
            for t in terms
        )
        add(
            "ends_on",
            _("The project lasts %(months)s months, which fits none of the call's durations (%(allowed)s).")
            % {"months": months, "allowed": allowed},
        )
    for activity in activities:
        if activity.starts_on < starts or activity.ends_on > ends:
            add(
                "activities",
                _("The activity “%(title)s” falls outside the project's dates.") % {"title": activity.title},
            )


def _check_budget(application: Application, lines: list[BudgetLine], add) -> tuple[Decimal, Decimal]:
    if not lines:
        add("budget_lines", _("Add at least one budget line."))
        return Decimal(0), Decimal(0)
    for number, line in enumerate(lines, 1):
        total = line.total
        split = line.requested + line.cofinancing
        if total != split:
            add(
                "budget_lines",
                _(
                    "Line %(number)s “%(item)s” does not add up: unit cost × quantity = %(total)s, but requested + "
                    "co-financing = %(split)s."
                )
                % {"number": number, "item": line.item, "total": _money(total), "split": _money(split)},
            )
    requested = sum((line.requested for line in lines), Decimal(0))
    cofinancing = sum((line.cofinancing for line in lines), Decimal(0))
    if requested <= 0:
        add("budget_lines", _("The amount requested must be above zero."))
    return requested, cofinancing


def _check_band_and_cofinancing(application: Application, requested: Decimal, cofinancing: Decimal, add) -> None:
    call = application.call
    currency = call.programme.currency
    bands = list(call.bands.all())
    if bands and band_for(bands, requested) is None:
        allowed = "; ".join(f"{b.name}: {_money(b.min_amount)}–{_money(b.max_amount)} {currency}" for b in bands)
        add(
            "requested_amount",
            _("The amount requested, %(amount)s %(currency)s, is in none of the call's bands (%(bands)s).")
            % {"amount": _money(requested), "currency": currency, "bands": allowed},
        )
    minimum = call.min_cofinancing_percent
    share = cofinancing / (requested + cofinancing) * 100
    if share < minimum:
        add(
            "cofinancing_amount",
            _("Co-financing is %(share)s%% of the project's budget; the call asks for at least %(minimum)s%%.")
            % {
                "share": number_format(share.quantize(CENT), decimal_pos=2, use_l10n=True),
                "minimum": number_format(minimum, decimal_pos=2, use_l10n=True),
            },
        )


def band_for(bands, amount: Decimal):
    """The band whose [minimum, maximum] holds the amount (the lowest such band), or None."""
    return next((b for b in sorted(bands, key=lambda b: b.min_amount) if b.min_amount <= amount <= b.max_amount), None)
