"""After the award: the agreement with its instalments and milestone reports, report review, reminders, closing.

Narrative reports carry an actual per indicator of the application; financial reports the spending per budget line.
The applicant fills and submits them; the operator accepts, returns (with a comment) or rejects them. An overdue
report (due or returned, past its date) is flagged on the pages and bars the organisation from new calls (the
eligibility screen asks the same definition, `selectors.dashboard.overdue_q`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civicbridge.accounts.selectors import editors_by_organisation, editors_of
from civicbridge.core.permissions import require
from civicbridge.core.workflow import transition
from civicbridge.files.models import StoredFile
from civicbridge.files.services import store_upload
from civicbridge.notifications.services import notify

from ..choices import ApplicationStatus, Outcome, ProjectRating, ReportKind, ReportStatus
from ..models import Agreement, Application, IndicatorActual, Instalment, Report, Spending
from ..selectors.dashboard import OPEN_REPORT

CENT = Decimal("0.01")
VERDICTS = {"accept": "accepted", "return": "returned", "reject": "rejected"}
REMIND_DAYS_BEFORE = (7, 1)
REPORT_FILES = "grants.report"  # the files purpose registered in GrantsConfig.ready


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    try:
        result = Decimal(str(value).strip().replace(" ", "").replace(",", "."))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return result if result.is_finite() else None


def default_milestones(starts_on: datetime.date, ends_on: datetime.date) -> list[dict[str, Any]]:
    """A usual schedule: interim narrative and financial reports at mid-term, final ones a month after the end."""
    middle = starts_on + (ends_on - starts_on) / 2
    final = ends_on + datetime.timedelta(days=30)
    return [
        {"kind": ReportKind.NARRATIVE, "title": _("Interim report"), "due_on": middle},
        {"kind": ReportKind.FINANCIAL, "title": _("Interim financial report"), "due_on": middle},
        {"kind": ReportKind.NARRATIVE, "title": _("Final report"), "due_on": final},
        {"kind": ReportKind.FINANCIAL, "title": _("Final financial report"), "due_on": final},
    ]


def _validate_agreement(
    *,
    application: Application,
    amount: Decimal,
    number: str,
    signed_on,
    starts_on,
    ends_on,
    instalments: list[Mapping[str, Any]],
    milestones: list[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not number:
        add("number", _("Enter the agreement's number."))
    for field, value in (("signed_on", signed_on), ("starts_on", starts_on), ("ends_on", ends_on)):
        if not isinstance(value, datetime.date):
            add(field, _("Enter a date."))
    dates_ok = not errors.keys() & {"signed_on", "starts_on", "ends_on"}
    if dates_ok and ends_on < starts_on:
        add("ends_on", _("The project cannot end before it starts."))
    cleaned: list[dict[str, Any]] = []
    if not instalments:
        add("instalments", _("Add at least one instalment."))
    for index, row in enumerate(instalments, 1):
        value, due_on = _decimal(row.get("amount")), row.get("due_on")
        if value is None or value <= 0 or value != value.quantize(CENT):
            add(
                "instalments",
                _("Instalment %(n)s: enter an amount above zero with at most two decimals.") % {"n": index},
            )
            continue
        if not isinstance(due_on, datetime.date):
            add("instalments", _("Instalment %(n)s: enter the date it is due.") % {"n": index})
            continue
        if dates_ok and due_on > ends_on:
            add("instalments", _("Instalment %(n)s: it cannot fall due after the project ends.") % {"n": index})
        cleaned.append({"order": index, "amount": value, "due_on": due_on})
    if cleaned and len(cleaned) == len(instalments):
        total = sum((row["amount"] for row in cleaned), Decimal(0))
        if total != amount:
            add(
                "instalments",
                _("The instalments add up to %(total)s, but the agreement's amount is %(amount)s.")
                % {
                    "total": formats.number_format(total, 2, force_grouping=True),
                    "amount": formats.number_format(amount, 2, force_grouping=True),
                },
            )
    if not milestones:
        add("milestones", _("Add at least one report."))
    for index, row in enumerate(milestones, 1):
        if row.get("kind") not in ReportKind.values or not str(row.get("title") or "").strip():
            add("milestones", _("Report %(n)s: choose its kind and give it a title.") % {"n": index})
        elif not isinstance(row.get("due_on"), datetime.date):
            add("milestones", _("Report %(n)s: enter the date it is due.") % {"n": index})
        elif dates_ok and row["due_on"] < starts_on:
            add("milestones", _("Report %(n)s: it cannot be due before the project starts.") % {"n": index})
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def agreement_create(
    *,
    actor,
    application: Application,
    number: str,
    signed_on: datetime.date,
    starts_on: datetime.date,
    ends_on: datetime.date,
    instalments: Iterable[Mapping[str, Any]],
    milestones: Iterable[Mapping[str, Any]] | None = None,
) -> Agreement:
    """The agreement of an awarded application for the amount awarded, its instalments and its milestone reports."""
    require(actor, "grants.manage_agreement", application)
    locked = Application.objects.select_for_update(of=("self",)).select_related("decision").get(pk=application.pk)
    decision = getattr(locked, "decision", None)
    if locked.status != ApplicationStatus.AWARDED or decision is None or decision.outcome != Outcome.AWARD:
        raise ValidationError(_("Only an awarded application can have an agreement."), code="not_awarded")
    if Agreement.objects.filter(application=locked).exists():
        raise ValidationError(_("This application already has an agreement."), code="agreement_exists")
    number = (number or "").strip()
    instalments, milestones = (
        list(instalments),
        list(milestones if milestones is not None else default_milestones(starts_on, ends_on)),
    )
    cleaned = _validate_agreement(
        application=locked,
        amount=decision.amount,
        number=number,
        signed_on=signed_on,
        starts_on=starts_on,
        ends_on=ends_on,
        instalments=instalments,
        milestones=milestones,
    )
    try:
        with transaction.atomic():
            agreement = Agreement.objects.create(
                application=locked,
                number=number,
                signed_on=signed_on,
                starts_on=starts_on,
                ends_on=ends_on,
                amount=decision.amount,
            )
    except IntegrityError:
        if Agreement.objects.filter(application=locked).exists():
            raise ValidationError(_("This application already has an agreement."), code="agreement_exists") from None
        raise ValidationError({"number": _("An agreement with this number already exists.")}) from None
    Instalment.objects.bulk_create(Instalment(agreement=agreement, **row) for row in cleaned)
    Report.objects.bulk_create(
        Report(agreement=agreement, kind=row["kind"], title=str(row["title"]).strip(), due_on=row["due_on"])
        for row in sorted(milestones, key=lambda r: (r["due_on"], r["kind"]))
    )
    return agreement


@transaction.atomic
def instalment_mark_paid(*, actor, instalment: Instalment, paid_on: datetime.date) -> Instalment:
    """Record that an instalment was paid."""
    require(actor, "grants.manage_agreement", instalment.agreement)
    if not isinstance(paid_on, datetime.date):
        raise ValidationError({"paid_on": _("Enter the date of payment.")})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The date of payment cannot be in the future.")})
    instalment.paid_on = paid_on
    instalment.save(update_fields=["paid_on"])
    return instalment


def _editable(report: Report) -> None:
    if report.status not in OPEN_REPORT:
        raise ValidationError(
            _("The report is “%(status)s” and can no longer be changed.") % {"status": report.get_status_display()},
            code="report_locked",
        )


@transaction.atomic
def report_save(
    *,
    actor,
    report: Report,
    narrative: str = "",
    actuals: Mapping[int, Mapping[str, Any]] | None = None,
    spending: Mapping[int, Mapping[str, Any]] | None = None,
) -> Report:
    """Save a due or returned report: its text, and actuals per indicator or spending per budget line.

    `actuals` and `spending` map an indicator or budget line id to {"value"/"spent": number or None, "comment"};
    an empty value removes that row. Ids that are not the application's are refused.
    """
    require(actor, "grants.submit_report", report)
    report = Report.objects.select_for_update(of=("self",)).select_related("agreement").get(pk=report.pk)
    _editable(report)
    errors: dict[str, list[str]] = {}
    if report.kind == ReportKind.NARRATIVE:
        rows, model, key, own = actuals or {}, IndicatorActual, "value", "indicator"
        owned = {i.pk: i for i in report.agreement.application.indicators.all()}
        if spending:
            errors.setdefault("spending", []).append(_("A narrative report has no spending."))
    else:
        rows, model, key, own = spending or {}, Spending, "spent", "budget_line"
        owned = {line.pk: line for line in report.agreement.application.budget_lines.all()}
        if actuals:
            errors.setdefault("actuals", []).append(_("A financial report has no indicator actuals."))
    field = "actuals" if model is IndicatorActual else "spending"
    keep, drop = {}, []
    for raw_pk, row in rows.items():
        pk = int(raw_pk) if str(raw_pk).isdigit() else None
        if pk not in owned:
            errors.setdefault(field, []).append(
                _("This line is not part of the application (id %(id)s).") % {"id": raw_pk}
            )
            continue
        raw = row.get(key)
        if raw in (None, ""):
            drop.append(pk)
            continue
        value = _decimal(raw)
        if value is None or value < 0 or value != value.quantize(CENT):
            errors.setdefault(field, []).append(
                _("“%(name)s”: enter a number, zero or more, with at most two decimals.") % {"name": owned[pk]}
            )
            continue
        keep[pk] = (value, str(row.get("comment") or "").strip())
    if errors:
        raise ValidationError(errors)
    report.narrative = (narrative or "").strip()
    report.save(update_fields=["narrative", "updated_at"])
    existing = {getattr(obj, f"{own}_id"): obj for obj in model.objects.filter(report=report)}
    model.objects.filter(report=report, **{f"{own}_id__in": drop}).delete()
    for pk, (value, comment) in keep.items():
        obj = existing.get(pk)
        if obj is None:
            model.objects.create(report=report, **{f"{own}_id": pk, key: value, "comment": comment})
        elif getattr(obj, key) != value or obj.comment != comment:
            setattr(obj, key, value)
            obj.comment = comment
            obj.save(update_fields=[key, "comment"])
    return report


@transaction.atomic
def report_attach(*, actor, report: Report, uploaded_file) -> StoredFile:
    """Attach a supporting document (receipts, photos, lists of participants) to a due or returned report."""
    require(actor, "grants.submit_report", report)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    _editable(locked)
    return store_upload(uploaded_file=uploaded_file, purpose=REPORT_FILES, actor=actor, owner=locked)


def report_problems(report: Report) -> list[str]:
    """What stops a report from being submitted (empty when it is complete)."""
    problems = []
    if not report.narrative.strip():
        problems.append(_("Describe what was done in the period."))
    application = report.agreement.application
    if report.kind == ReportKind.NARRATIVE:
        missing = application.indicators.exclude(actuals__report=report).count()
        if missing:
            problems.append(
                ngettext(
                    "Give the actual value of %(count)d more indicator.",
                    "Give the actual values of %(count)d more indicators.",
                    missing,
                )
                % {"count": missing}
            )
    else:
        missing = application.budget_lines.exclude(spending__report=report).count()
        if missing:
            problems.append(
                ngettext(
                    "Give the spending on %(count)d more budget line (zero if nothing was spent).",
                    "Give the spending on %(count)d more budget lines (zero if nothing was spent).",
                    missing,
                )
                % {"count": missing}
            )
    return problems


@transaction.atomic
def report_submit(*, actor, report: Report) -> Report:
    """Submit a complete report to the operator (again, after it was returned)."""
    require(actor, "grants.submit_report", report)
    locked = Report.objects.select_for_update(of=("self",)).select_related("agreement__application").get(pk=report.pk)
    _editable(locked)
    problems = report_problems(locked)
    if problems:
        raise ValidationError(problems, code="incomplete")
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["submitted_at", "updated_at"])
    locked = transition(locked, "submit", actor=actor)
    report.refresh_from_db(fields=["status", "submitted_at", "updated_at"])
    return locked


@transaction.atomic
def report_review(*, actor, report: Report, verdict: str, comment: str = "") -> Report:
    """The operator's verdict on a submitted report: accept, return for revision (comment required) or reject."""
    require(actor, "grants.review_report", report)
    if verdict not in VERDICTS:
        raise ValidationError({"verdict": _("Choose accept, return or reject.")})
    comment = (comment or "").strip()
    if verdict in ("return", "reject") and not comment:
        raise ValidationError({"comment": _("Say what is wrong with the report.")})
    locked = transition(report, verdict, actor=actor, reason=comment)
    locked.review_comment = comment
    locked.save(update_fields=["review_comment", "updated_at"])
    report.review_comment = comment
    notify(
        event="grants.report_reviewed",
        recipients=editors_of(locked.agreement.application.organisation_id),
        context={"report": locked, "verdict": VERDICTS[verdict], "comment": comment},
        target=locked,
    )
    return locked


def send_report_reminders(today: datetime.date | None = None) -> int:
    """Remind applicants of reports due in 7 days and tomorrow (a daily job; no state, so run it once a day).

    Returns the number of reports reminded of.
    """
    today = today or timezone.localdate()
    days = [today + datetime.timedelta(days=n) for n in REMIND_DAYS_BEFORE]
    reports = list(
        Report.objects.filter(status__in=OPEN_REPORT, due_on__in=days).select_related("agreement__application")
    )
    if not reports:
        return 0
    editors = editors_by_organisation({r.agreement.application.organisation_id for r in reports})
    with transaction.atomic():
        for report in reports:
            notify(
                event="grants.report_due",
                recipients=editors.get(report.agreement.application.organisation_id, []),
                context={"report": report},
                target=report,
            )
    return len(reports)


@transaction.atomic
def agreement_close(*, actor, agreement: Agreement, rating: str, note: str = "") -> Agreement:
    """Close a project with a rating (successful, satisfactory, unsuccessful) once no report is still open."""
    require(actor, "grants.manage_agreement", agreement)
    if rating not in ProjectRating.values:
        raise ValidationError({"rating": _("Rate the project: successful, satisfactory or unsuccessful.")})
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    open_reports = locked.reports.exclude(status__in=[ReportStatus.ACCEPTED, ReportStatus.REJECTED]).count()
    if open_reports:
        raise ValidationError(
            ngettext(
                "%(count)d report is not yet accepted or rejected: review it before closing the project.",
                "%(count)d reports are not yet accepted or rejected: review them before closing the project.",
                open_reports,
            )
            % {"count": open_reports},
            code="open_reports",
        )
    return _finish(actor=actor, agreement=agreement, locked=locked, action="close", rating=rating, note=note)


@transaction.atomic
def agreement_terminate(
    *, actor, agreement: Agreement, reason: str, rating: str = ProjectRating.UNSUCCESSFUL
) -> Agreement:
    """End an agreement early (the reason is required); open reports stay as they are, for the record."""
    require(actor, "grants.manage_agreement", agreement)
    if rating not in ProjectRating.values:
        raise ValidationError({"rating": _("Rate the project: successful, satisfactory or unsuccessful.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for terminating the agreement.")})
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    return _finish(actor=actor, agreement=agreement, locked=locked, action="terminate", rating=rating, note=reason)


def _finish(*, actor, agreement: Agreement, locked: Agreement, action: str, rating: str, note: str) -> Agreement:
    # The rating goes in first: the database refuses a closed agreement without one.
    if locked.status == "active":
        locked.rating, locked.closing_note = rating, (note or "").strip()
        locked.save(update_fields=["rating", "closing_note", "updated_at"])
    locked = transition(locked, action, actor=actor, reason=note)
    agreement.refresh_from_db(fields=["status", "rating", "closing_note", "updated_at"])
    return locked
