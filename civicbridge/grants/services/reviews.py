"""An expert's work on a review: marks per criterion, submitting (which locks it), declaring a conflict; reminders.

Review total = Σ w·(v − min)/(max − min) / Σ w × 100 over the call's criteria (weights w, each criterion's own
scale), rounded half-up to 0.01. An application's score is the mean of its submitted reviews' totals; it is
recomputed under a lock on the application row, so two experts submitting at the same moment both count.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.core.permissions import SYSTEM, require
from civicbridge.core.workflow import transition
from civicbridge.notifications.services import notify

from ..choices import ApplicationStatus, ReviewStatus
from ..models import Application, ConflictDeclaration, Criterion, Review, Score
from .assignment import assign_extra

CENT = Decimal("0.01")
REMINDER_WINDOW = timedelta(days=3)


def review_total(criteria: list[Criterion], marks: dict[int, int]) -> Decimal:
    """The weighted marks normalised to 0–100 (every criterion must have a mark)."""
    weights = sum((c.weight for c in criteria), Decimal(0))
    if not criteria or weights <= 0:
        raise ValidationError(_("The call has no criteria to score."), code="no_criteria")
    weighted = sum(
        (c.weight * Decimal(marks[c.pk] - c.scale_min) / Decimal(c.scale_max - c.scale_min) for c in criteria),
        Decimal(0),
    )
    return (weighted / weights * 100).quantize(CENT, rounding=ROUND_HALF_UP)


def _require_own_review(actor, review: Review) -> None:
    """Only the assigned expert marks, submits or declares a conflict on a review — administrators included (a
    superuser passes every rule, but a review in someone else's name would break the blind, independent review)."""
    require(actor, "grants.submit_review", review)
    if review.expert_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Only the expert assigned to this review can do this."))


def _locked_open_review(review: Review) -> Review:
    review = Review.objects.select_for_update().select_related("application__call__programme").get(pk=review.pk)
    if review.status != ReviewStatus.ASSIGNED:
        raise ValidationError(
            _("This review is “%(status)s”: it can no longer be changed.") % {"status": review.get_status_display()},
            code="review_locked",
        )
    return review


@transaction.atomic
def review_save(*, actor, review: Review, marks: dict[int, tuple[int | None, str]], comment: str = "") -> Review:
    """Save the expert's marks and comments as they stand ({criterion id: (mark or None, comment)}); a draft."""
    _require_own_review(actor, review)
    review = _locked_open_review(review)
    criteria = {c.pk: c for c in Criterion.objects.filter(call_id=review.application.call_id)}
    errors = {}
    for criterion_id, (value, _comment) in marks.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            errors[f"criterion_{criterion_id}"] = _("This criterion is not part of the call's rubric.")
        elif value is not None and not criterion.scale_min <= value <= criterion.scale_max:
            errors[f"criterion_{criterion_id}"] = _("The mark must be from %(min)s to %(max)s.") % {
                "min": criterion.scale_min,
                "max": criterion.scale_max,
            }
    if errors:
        raise ValidationError(errors)
    existing = {s.criterion_id: s for s in review.scores.all()}
    for criterion_id, (value, text) in marks.items():
        score = existing.get(criterion_id)
        if value is None:
            if score is not None:
                score.delete()
            continue
        if score is None:
            Score.objects.create(review=review, criterion_id=criterion_id, value=value, comment=text.strip())
        elif (score.value, score.comment) != (value, text.strip()):
            score.value, score.comment = value, text.strip()
            score.save(update_fields=["value", "comment"])
    review.comment = comment.strip()
    review.save(update_fields=["comment", "updated_at"])
    return review


@transaction.atomic
def review_submit(*, actor, review: Review, now: datetime | None = None) -> Review:
    """Lock the review with its total; update the application's score; call in one more expert if totals diverge;
    finish the application's review when every required review is in."""
    _require_own_review(actor, review)
    # The application row first: two experts submitting at once queue here, and the second sees the first's total.
    application = Application.objects.select_for_update().get(pk=review.application_id)
    review = _locked_open_review(review)
    criteria = list(Criterion.objects.filter(call_id=application.call_id))
    scores = {s.criterion_id: s for s in review.scores.all()}
    errors = {}
    for criterion in criteria:
        score = scores.get(criterion.pk)
        if score is None:
            errors[f"criterion_{criterion.pk}"] = _("Give a mark for “%(criterion)s”.") % {"criterion": criterion}
        elif not score.comment.strip():
            errors[f"criterion_{criterion.pk}"] = _("Explain your mark for “%(criterion)s” in a comment.") % {
                "criterion": criterion
            }
    if errors:
        raise ValidationError(errors)
    review.total = review_total(criteria, {pk: s.value for pk, s in scores.items()})
    review.submitted_at = now or timezone.now()
    review.save(update_fields=["total", "submitted_at", "updated_at"])
    review = transition(review, "submit", actor=actor)
    _rescore(application)
    if _diverges(application) and not _has_extra(application):
        assign_extra(application)
    complete_if_done(application)
    return review


def _rescore(application: Application) -> None:
    totals = list(
        Review.objects.filter(application=application, status=ReviewStatus.SUBMITTED).values_list("total", flat=True)
    )
    application.review_count = len(totals)
    application.score = (sum(totals) / len(totals)).quantize(CENT, rounding=ROUND_HALF_UP) if totals else None
    application.save(update_fields=["score", "review_count", "updated_at"])


def _diverges(application: Application) -> bool:
    totals = list(
        Review.objects.filter(application=application, status=ReviewStatus.SUBMITTED).values_list("total", flat=True)
    )
    threshold = application.call.divergence_threshold
    return len(totals) >= 2 and max(totals) - min(totals) > threshold


def _has_extra(application: Application) -> bool:
    return Review.objects.filter(
        application=application, is_extra=True, status__in=[ReviewStatus.ASSIGNED, ReviewStatus.SUBMITTED]
    ).exists()


def complete_if_done(application: Application) -> bool:
    """Move the application to "reviewed" when its required reviews are in, none is open and no divergence waits
    for an extra expert. Returns whether it moved."""
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    if application.status != ApplicationStatus.IN_REVIEW:
        return False
    reviews = Review.objects.filter(application=application)
    if reviews.filter(status=ReviewStatus.ASSIGNED).exists():
        return False
    if reviews.filter(status=ReviewStatus.SUBMITTED).count() < application.call.experts_per_application:
        return False
    if _diverges(application) and not _has_extra(application):
        return False  # waits for an extra expert the operator assigns by hand (nobody suitable was free)
    transition(application, "complete_review", actor=SYSTEM)
    return True


@transaction.atomic
def review_declare_conflict(*, actor, review: Review, reason: str) -> Review:
    """The expert declares a conflict of interest: the review ends, the declaration is kept, a replacement is sought."""
    _require_own_review(actor, review)
    review = transition(review, "declare_conflict", actor=actor, reason=reason)
    ConflictDeclaration.objects.get_or_create(
        expert_id=review.expert_id, application_id=review.application_id, defaults={"reason": reason.strip()}
    )
    application = Application.objects.select_for_update().select_related("call").get(pk=review.application_id)
    if application.status == ApplicationStatus.IN_REVIEW:
        assign_extra(application, is_extra=review.is_extra)
        complete_if_done(application)
    return review


@transaction.atomic
def send_review_reminders(now: datetime | None = None) -> int:
    """Remind experts of open reviews due within three days, once per review (a scheduled job). Returns how many."""
    now = now or timezone.now()
    due = list(
        Review.objects.filter(
            status=ReviewStatus.ASSIGNED, reminded_at__isnull=True, due_at__gt=now, due_at__lte=now + REMINDER_WINDOW
        ).select_for_update()
    )
    for review in due:
        notify(event="grants.review_reminder", recipients=[review.expert_id], context={"review": review}, target=review)
    Review.objects.filter(pk__in=[r.pk for r in due]).update(reminded_at=now)
    return len(due)
