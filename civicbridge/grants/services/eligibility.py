"""Eligibility screening: every rule of a call checked automatically, one recorded result with its reason per rule.

Screening a submitted application records an EligibilityCheck for each rule of `EligibilityRule` (a rule the call
does not set passes and says so), then moves the application to eligible or ineligible through the workflow (the
history row carries the failed reasons) and tells the applicant. An operator may override the result with a reason;
the override is a workflow transition, so it has its history row and its audit entry.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from civicbridge.accounts.selectors import editors_by_organisation, editors_of
from civicbridge.core.permissions import require
from civicbridge.core.timezones import zone_of
from civicbridge.core.workflow import transition
from civicbridge.notifications.services import notify
from civicbridge.registry.choices import OrganisationKind, OrganisationStatus
from civicbridge.registry.models import Organisation

from ..choices import ApplicationStatus, CallStatus, EligibilityRule
from ..models import Application, Call, EligibilityCheck
from ..selectors import eligibility as selectors

R = EligibilityRule


@dataclass(frozen=True)
class Result:
    """The outcome of one rule for one applicant."""

    rule: str
    passed: bool
    reason: str


@dataclass(frozen=True)
class CallRules:
    """A call's eligibility rules, read once (its many-to-many sets included) and applied to many applicants."""

    countries: dict[str, str]  # code → name
    regions: dict[str, str]
    legal_forms: dict[int, str]  # id → name
    kinds: frozenset[str]
    min_age_months: int | None
    refuse_overdue_reports: bool
    max_active_grants: int | None

    @classmethod
    def of(cls, call: Call) -> CallRules:
        return cls(
            countries={c.code: c.name for c in call.eligible_countries.all()},
            regions={r.code: r.name for r in call.eligible_regions.all()},
            legal_forms={f.pk: f.name for f in call.eligible_legal_forms.all()},
            kinds=frozenset(call.eligible_kinds or ()),
            min_age_months=call.min_age_months,
            refuse_overdue_reports=call.refuse_overdue_reports,
            max_active_grants=call.max_active_grants,
        )


def full_months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` (negative when `end` is earlier).

    A month ends on the same day of the next month, or on that month's last day when it has no such day (as civil
    codes count terms: registered on 31 January, one month old on 28 February)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end >= start:
        if end.day < start.day and end.day != calendar.monthrange(end.year, end.month)[1]:
            months -= 1
    elif end.day > start.day and start.day != calendar.monthrange(start.year, start.month)[1]:
        months += 1
    return months


def _names(mapping) -> str:
    return ", ".join(sorted(str(v) for v in mapping))


def _kind_label(kind: str) -> str:
    try:
        return str(OrganisationKind(kind).label)
    except ValueError:
        return kind


def _one_of(
    rule: str,
    allowed: dict,
    value,
    params,
    *,
    any_: str,
    unrecorded: str,
    eligible: str,
    refused: str,
) -> Result:
    """A rule that accepts the registry values listed in `allowed` (none listed: any). `value` is the applicant's
    (None: not recorded); `params()` names it for the messages, read only when it is recorded. The messages come
    translated but not yet formatted."""
    if not allowed:
        return Result(str(rule), True, any_)
    if value is None:
        return Result(str(rule), False, unrecorded % {"allowed": _names(allowed.values())})
    if value in allowed:
        return Result(str(rule), True, eligible % params())
    return Result(str(rule), False, refused % {**params(), "allowed": _names(allowed.values())})


def evaluate(
    rules: CallRules, organisation: Organisation, *, on: date, has_overdue_reports: bool, active_grants: int
) -> list[Result]:
    """Apply every rule to one applicant as of the date `on`; pure (reads only what it is given)."""
    org = organisation
    results: list[Result] = []

    def add(rule: str, passed: bool, reason: str) -> None:
        results.append(Result(str(rule), passed, reason))

    # Country.
    if not rules.countries:
        add(R.COUNTRY, True, _("The call accepts organisations of any country."))
    elif org.country_id in rules.countries:
        add(R.COUNTRY, True, _("Registered in %(country)s, an eligible country.") % {"country": org.country.name})
    else:
        add(
            R.COUNTRY,
            False,
            _("Registered in %(country)s; the call accepts organisations of: %(allowed)s.")
            % {"country": org.country.name, "allowed": _names(rules.countries.values())},
        )
    # Legal form.
    results.append(
        _one_of(
            R.LEGAL_FORM,
            rules.legal_forms,
            org.legal_form_id,
            lambda: {"form": org.legal_form.name},
            any_=_("The call accepts any legal form."),
            unrecorded=_("The applicant's legal form is not recorded in the registry; the call accepts: %(allowed)s."),
            eligible=_("The legal form “%(form)s” is eligible."),
            refused=_("The legal form “%(form)s” is not one the call accepts: %(allowed)s."),
        )
    )
    # Kind of organisation.
    if not rules.kinds:
        add(R.KIND, True, _("The call accepts every kind of organisation."))
    elif org.kind in rules.kinds:
        add(R.KIND, True, _("The kind “%(kind)s” is eligible.") % {"kind": _kind_label(org.kind)})
    else:
        add(
            R.KIND,
            False,
            _("The kind “%(kind)s” is not one the call accepts: %(allowed)s.")
            % {"kind": _kind_label(org.kind), "allowed": _names(_kind_label(k) for k in rules.kinds)},
        )
    # Time since registration.
    if rules.min_age_months is None:
        add(R.AGE, True, _("The call sets no minimum time since registration."))
    elif org.registered_on is None:
        add(
            R.AGE,
            False,
            _("The registration date is not recorded in the registry; the call requires at least %(months)s months.")
            % {"months": rules.min_age_months},
        )
    else:
        have = full_months_between(org.registered_on, on)
        params = {
            "registered": date_format(org.registered_on),
            "have": max(have, 0),
            "on": date_format(on),
            "months": rules.min_age_months,
        }
        if have >= rules.min_age_months:
            add(
                R.AGE,
                True,
                _("Registered on %(registered)s: %(have)s full months by %(on)s (at least %(months)s required).")
                % params,
            )
        else:
            add(
                R.AGE,
                False,
                _("Registered on %(registered)s: only %(have)s full months by %(on)s; the call requires %(months)s.")
                % params,
            )
    # Region.
    results.append(
        _one_of(
            R.REGION,
            rules.regions,
            org.region_id,
            lambda: {"region": org.region.name},
            any_=_("The call accepts organisations of any region."),
            unrecorded=_("The applicant's region is not recorded in the registry; the call accepts: %(allowed)s."),
            eligible=_("The region %(region)s is eligible."),
            refused=_("The region %(region)s is not one the call accepts: %(allowed)s."),
        )
    )
    # Overdue grant reports.
    if not rules.refuse_overdue_reports:
        add(R.OVERDUE_REPORTS, True, _("The call does not check earlier grant reports."))
    elif has_overdue_reports:
        add(R.OVERDUE_REPORTS, False, _("The applicant has an overdue report on an earlier grant."))
    else:
        add(R.OVERDUE_REPORTS, True, _("The applicant has no overdue grant reports."))
    # Active grants.
    params = {"count": active_grants, "max": rules.max_active_grants}
    if rules.max_active_grants is None:
        add(R.ACTIVE_GRANTS, True, _("The call does not limit the number of active grants."))
    elif active_grants <= rules.max_active_grants:
        add(R.ACTIVE_GRANTS, True, _("%(count)s active grants; the call allows at most %(max)s.") % params)
    else:
        add(R.ACTIVE_GRANTS, False, _("%(count)s active grants; the call allows at most %(max)s.") % params)
    # Status in the registry.
    if org.status == OrganisationStatus.ACTIVE:
        add(R.STATUS, True, _("The organisation is active in the registry."))
    else:
        add(
            R.STATUS,
            False,
            _("The organisation is “%(status)s” in the registry.") % {"status": org.get_status_display()},
        )
    return results


def _reference_date(application: Application) -> date:
    """The date rules are judged on: the day of submission in the display zone (today if not yet submitted)."""
    if application.submitted_at is None:
        return timezone.localdate()
    return timezone.localtime(application.submitted_at, timezone=zone_of(None)).date()


def _check_call(call: Call) -> None:
    if call.status in (CallStatus.DRAFT, CallStatus.CANCELLED):
        raise ValidationError(
            _("Applications of a call that is “%(status)s” cannot be screened.")
            % {"status": call.get_status_display()},
            code="call_not_screenable",
        )


def _screen(*, actor, applications: list[Application], call: Call) -> list[tuple[Application, bool, list[Result]]]:
    """Evaluate, record and transition a batch of submitted applications of one call; notify each applicant."""
    rules = CallRules.of(call)
    org_ids = {a.organisation_id for a in applications}
    overdue = selectors.organisations_with_overdue_reports(org_ids)
    active = selectors.active_grant_counts(org_ids)
    recipients = editors_by_organisation(org_ids)
    outcomes = []
    for application in applications:
        results = evaluate(
            rules,
            application.organisation,
            on=_reference_date(application),
            has_overdue_reports=application.organisation_id in overdue,
            active_grants=active.get(application.organisation_id, 0),
        )
        outcomes.append((application, all(r.passed for r in results), results))
    # Records first, in bulk: a screening is recorded once per application (only submitted ones are screened).
    EligibilityCheck.objects.filter(application__in=[a for a, _e, _r in outcomes]).delete()
    EligibilityCheck.objects.bulk_create(
        EligibilityCheck(application=a, rule=r.rule, passed=r.passed, reason=r.reason)
        for a, _eligible, results in outcomes
        for r in results
    )
    for application, eligible, results in outcomes:
        failed = [r.reason for r in results if not r.passed]
        if eligible:
            transition(application, "mark_eligible", actor=actor, reason=_("Every eligibility rule is met."))
        else:
            transition(application, "mark_ineligible", actor=actor, reason="\n".join(failed))
        notify(
            event="grants.eligibility_result",
            recipients=recipients.get(application.organisation_id, []),
            context={"application": application, "eligible": eligible, "reasons": failed},
            target=application,
        )
    return outcomes


@transaction.atomic
def screen_application(*, actor, application: Application) -> tuple[bool, list[EligibilityCheck]]:
    """Screen one submitted application: record a check per rule, mark it eligible or not, tell the applicant."""
    require(actor, "grants.screen_application", application)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("organisation", "organisation__country", "organisation__legal_form", "organisation__region")
        .select_related("call", "call__programme")
        .get(pk=application.pk)
    )
    _check_call(application.call)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(
            _("Only submitted applications are screened; this one is “%(status)s”.")
            % {"status": application.get_status_display()},
            code="not_submitted",
        )
    [(application, eligible, _results)] = _screen(actor=actor, applications=[application], call=application.call)
    return eligible, list(application.eligibility_checks.order_by("rule"))


@transaction.atomic
def screen_call(*, actor, call: Call, limit: int | None = None) -> dict[str, int]:
    """Screen the submitted applications of a call, oldest submission first (at most `limit` of them, so a web
    request stays short: about 45 ms an application on the development machine); returns how many were screened,
    eligible, not eligible, and how many still wait."""
    require(actor, "grants.screen_application", call)
    call = Call.objects.select_related("programme").get(pk=call.pk)
    _check_call(call)
    queryset = (
        selectors.applications_to_screen(call).select_related("organisation__country").select_for_update(of=("self",))
    )
    applications = list(queryset[:limit] if limit else queryset)
    for application in applications:
        application.call = call  # one programme object for every permission check
    outcomes = _screen(actor=actor, applications=applications, call=call)
    eligible = sum(1 for _a, ok, _r in outcomes if ok)
    remaining = selectors.applications_to_screen(call).count()
    return {
        "screened": len(outcomes),
        "eligible": eligible,
        "ineligible": len(outcomes) - eligible,
        "remaining": remaining,
    }


@transaction.atomic
def override_eligibility(*, actor, application: Application, eligible: bool, reason: str) -> Application:
    """An operator's override of the screening result, with a reason (history row, audit entry, applicant told)."""
    require(actor, "grants.override_eligibility", application)
    action = "override_eligible" if eligible else "override_ineligible"
    application = transition(application, action, actor=actor, reason=reason)
    notify(
        event="grants.eligibility_result",
        recipients=list(editors_of(application.organisation_id)),
        context={"application": application, "eligible": eligible, "reasons": [] if eligible else [reason.strip()]},
        target=application,
    )
    return application
