"""Assigning experts to applications: automatically for a whole call, by hand, and taking a review away.

Rules every assignment keeps, automatic or manual:
- never an expert with a conflict of interest (services.conflicts), nor one already holding a review of it;
- only active experts of the pool who read the application's language;
- never above an expert's `max_load` open (assigned, not yet submitted) reviews, counted across all calls.

Automatic choice, per application (applications in id order): experts are grouped by how well they match — one
point for sharing a theme with the application, one for covering its region — and the best group is used first;
inside a group the least-loaded expert comes first (then the lower id), so work spreads evenly among equally
suited experts. The whole call is computed in memory from a few queries, the reviews are inserted in bulk and the
applications move to "under expert review" with one bulk transition (history rows included).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.core.permissions import require
from civicbridge.core.workflow import transition, transition_many
from civicbridge.notifications.services import notify

from ..choices import ApplicationStatus, CallStatus, ReviewStatus
from ..models import Application, Call, ExpertProfile, Review
from .conflicts import ConflictIndex, conflict_reasons

ACTIVE = (ReviewStatus.ASSIGNED, ReviewStatus.SUBMITTED)
ASSIGNABLE = (ApplicationStatus.ELIGIBLE, ApplicationStatus.IN_REVIEW)




@dataclass
class Pool:
    """The active experts, what they match and how loaded they are, for choosing in memory."""

    max_load: dict[int, int] = field(default_factory=dict)
    load: dict[int, int] = field(default_factory=dict)
    by_language: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_theme: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_region: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    available: set[int] = field(default_factory=set)

    @classmethod
    def load_active(cls, *, lock: bool = False) -> Pool:
        """The active experts; `lock` holds their profile rows to the end of the transaction, so two assignment
        runs (of two calls) cannot both fill the same expert past their limit."""
        pool = cls()
        profiles = ExpertProfile.objects.filter(is_active=True).order_by("pk")
        if lock:
            profiles = profiles.select_for_update()
        for user_id, languages, max_load in profiles.values_list("user_id", "languages", "max_load"):
            pool.max_load[user_id] = max_load
            pool.load[user_id] = 0
            for language in languages or ():
                pool.by_language[language].add(user_id)
        themes = ExpertProfile.themes.through.objects.filter(expertprofile__is_active=True)
        for user_id, theme_id in themes.values_list("expertprofile__user_id", "theme_id"):
            pool.by_theme[theme_id].add(user_id)
        regions = ExpertProfile.regions.through.objects.filter(expertprofile__is_active=True)
        for user_id, region_id in regions.values_list("expertprofile__user_id", "region_id"):
            pool.by_region[region_id].add(user_id)
        open_reviews = (
            Review.objects.filter(status=ReviewStatus.ASSIGNED, expert__expert_profile__is_active=True)
            .values_list("expert_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        for user_id, count in open_reviews:
            pool.load[user_id] = count
        pool.available = {e for e, limit in pool.max_load.items() if pool.load[e] < limit}
        return pool

    @property
    def expert_ids(self) -> set[int]:
        return set(self.max_load)

    def choose(self, *, language: str, themes: set[int], region: int | None, needed: int, excluded: set[int]):
        """Up to `needed` experts for one application, best-matched group first, least-loaded first inside it."""
        if needed <= 0:
            return []
        candidates = (self.by_language.get(language, set()) & self.available) - excluded
        if not candidates:
            return []
        theme_match = set().union(*(self.by_theme.get(t, set()) for t in themes)) & candidates if themes else set()
        region_match = self.by_region.get(region, set()) & candidates if region else set()
        both = theme_match & region_match
        groups = [both, (theme_match | region_match) - both, candidates - theme_match - region_match]
        chosen: list[int] = []
        key = self._key
        for group in groups:
            if len(chosen) >= needed:
                break
            chosen += heapq.nsmallest(needed - len(chosen), group, key=key)
        for expert in chosen:
            self.load[expert] += 1
            if self.load[expert] >= self.max_load[expert]:
                self.available.discard(expert)
        return chosen

    def _key(self, expert: int) -> tuple[int, int]:
        return (self.load[expert], expert)


@dataclass
class AssignmentResult:
    """What an automatic assignment did: reviews created, applications sent to review, those left short."""

    reviews_created: int = 0
    applications_started: int = 0
    short: dict[int, int] = field(default_factory=dict)  # application id → experts still missing


def _insert_reviews(pairs: list[tuple[int, int]], *, due_at) -> int:
    """Insert open reviews for (application id, expert id) pairs in bulk; returns how many.

    On PostgreSQL one INSERT … SELECT FROM unnest() per 10,000 rows (building 20,000 model instances for
    bulk_create costs more than the whole choice); elsewhere bulk_create. Like bulk_create, no save signals."""
    if not pairs:
        return 0
    now = timezone.now()
    if connection.vendor != "postgresql":
        rows = [Review(application_id=a, expert_id=e, status=ReviewStatus.ASSIGNED, due_at=due_at) for a, e in pairs]
        return len(Review.objects.bulk_create(rows, batch_size=2000))
    table = Review._meta.db_table
    columns = "application_id, expert_id, status, due_at, is_extra, comment, created_at, updated_at"
    select = "SELECT a, e, %s, %s, false, '', %s, %s FROM unnest(%s::bigint[], %s::bigint[]) AS t(a, e)"
    sql = f"INSERT INTO {table} ({columns}) {select}"  # noqa: S608 -- the model's own table; values are parameters
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), 10_000):
            chunk = pairs[start : start + 10_000]
            params = [ReviewStatus.ASSIGNED.value, due_at, now, now, [a for a, _e in chunk], [e for _a, e in chunk]]
            cursor.execute(sql, params)
    return len(pairs)


def _notify_assigned(reviews: list[Review]) -> None:
    for review in reviews:
        notify(event="grants.review_assigned", recipients=[review.expert_id], context={"review": review}, target=review)


def _check_call(call: Call) -> None:
    if call.status not in (CallStatus.PUBLISHED, CallStatus.IN_REVIEW):
        raise ValidationError(
            _("Experts can be assigned only while the call is published or in review (it is “%(status)s”).")
            % {"status": call.get_status_display()},
            code="call_status",
        )


@transaction.atomic
def assign_call(*, actor, call: Call, notify_experts: bool = True) -> AssignmentResult:
    """Give every eligible or in-review application of the call its N experts (N = call.experts_per_application)."""
    require(actor, "grants.assign_experts", call)
    call = Call.objects.select_for_update().select_related("programme").get(pk=call.pk)
    _check_call(call)
    pool = Pool.load_active(lock=True)
    applications = Application.objects.filter(call=call, status__in=ASSIGNABLE)
    rows = list(applications.order_by("id").values_list("id", "status", "language", "region_id", "organisation_id"))
    if not rows:
        return AssignmentResult()
    themes: dict[int, set[int]] = defaultdict(set)
    for app_id, theme_id in Application.themes.through.objects.filter(
        application__call=call, application__status__in=ASSIGNABLE
    ).values_list("application_id", "theme_id"):
        themes[app_id].add(theme_id)
    taken: dict[int, set[int]] = defaultdict(set)  # application → experts with any review of it (unique pair)
    have: dict[int, int] = defaultdict(int)  # application → active regular reviews
    for app_id, expert_id, status, is_extra in Review.objects.filter(application__call=call).values_list(
        "application_id", "expert_id", "status", "is_extra"
    ):
        taken[app_id].add(expert_id)
        if status in ACTIVE and not is_extra:
            have[app_id] += 1
    conflicts = ConflictIndex.build(applications, pool.expert_ids)

    result = AssignmentResult()
    new_reviews: list[tuple[int, int]] = []
    to_start: list[int] = []
    for app_id, status, language, region_id, _org in rows:
        needed = call.experts_per_application - have[app_id]
        if needed <= 0:
            continue
        excluded = taken[app_id] | conflicts.conflicted(app_id)
        chosen = pool.choose(
            language=language, themes=themes[app_id], region=region_id, needed=needed, excluded=excluded
        )
        new_reviews += [(app_id, expert) for expert in chosen]
        if len(chosen) < needed:
            result.short[app_id] = needed - len(chosen)
        if status == ApplicationStatus.ELIGIBLE and (chosen or have[app_id]):
            to_start.append(app_id)
    result.reviews_created = _insert_reviews(new_reviews, due_at=call.review_deadline)
    if to_start:
        started = list(Application.objects.filter(pk__in=to_start).only("id", "status", "call_id"))
        # Every application is of this call, so "grants.assign_experts" on the call decides for all of them.
        result.applications_started = transition_many(started, "start_review", actor=actor, permission_object=call)
    if notify_experts and new_reviews:
        # One notification per expert for the whole run, not one per review: 20,000 separate deliveries would
        # cost minutes of job time; the expert's queue lists the applications.
        notify(
            event="grants.reviews_assigned",
            recipients=sorted({expert for _app, expert in new_reviews}),
            context={"call": call, "deadline": call.review_deadline, "url": reverse("grants:expert-reviews")},
            target=call,
        )
    return result


def _refuse_expert(application: Application, expert) -> None:
    """Raise ValidationError with every reason this expert cannot take this application."""
    problems = []
    profile = ExpertProfile.objects.select_for_update().filter(user=expert).first()  # its load is counted next
    if profile is None or not profile.is_active:
        problems.append(_("%(expert)s is not an active member of the expert pool.") % {"expert": expert})
    else:
        if application.language not in (profile.languages or []):
            problems.append(
                _("%(expert)s does not review in the application's language (%(language)s).")
                % {"expert": expert, "language": application.language}
            )
        load = Review.objects.filter(expert=expert, status=ReviewStatus.ASSIGNED).count()
        if load >= profile.max_load:
            problems.append(
                _("%(expert)s already has %(load)s open reviews, the most they take.")
                % {"expert": expert, "load": load}
            )
    if Review.objects.filter(application=application, expert=expert).exists():
        problems.append(_("%(expert)s already has (or had) a review of this application.") % {"expert": expert})
    reasons = conflict_reasons(expert, application)
    if reasons:
        problems.append(_("Conflict of interest: %(reasons)s") % {"reasons": " ".join(reasons)})
    if problems:
        raise ValidationError(problems, code="expert_refused")


@transaction.atomic
def assign_expert(*, actor, application: Application, expert, is_extra: bool = False) -> Review:
    """Assign one expert to one application by hand (or as the extra expert); a conflicted expert is refused."""
    require(actor, "grants.assign_experts", application)
    application = Application.objects.select_for_update().select_related("call__programme").get(pk=application.pk)
    _check_call(application.call)
    if application.status not in ASSIGNABLE:
        raise ValidationError(
            _("Experts can be assigned only to eligible applications or those under review (this one is “%(status)s”).")
            % {"status": application.get_status_display()},
            code="application_status",
        )
    _refuse_expert(application, expert)
    review = Review.objects.create(
        application=application,
        expert=expert,
        status=ReviewStatus.ASSIGNED,
        due_at=application.call.review_deadline,
        is_extra=is_extra,
    )
    if application.status == ApplicationStatus.ELIGIBLE:
        transition(application, "start_review", actor=actor)
    _notify_assigned([review])
    return review


def assign_extra(application: Application, *, is_extra: bool = True) -> Review | None:
    """One more expert (for diverging scores, or replacing a conflicted one), chosen like the automatic assignment;
    None if nobody suitable is free."""
    pool = Pool.load_active()
    taken = set(Review.objects.filter(application=application).values_list("expert_id", flat=True))
    excluded = taken | ConflictIndex.build([application], pool.expert_ids).conflicted(application.pk)
    chosen = pool.choose(
        language=application.language,
        themes=set(application.themes.values_list("pk", flat=True)),
        region=application.region_id,
        needed=1,
        excluded=excluded,
    )
    if not chosen:
        return None
    review = Review.objects.create(
        application=application,
        expert_id=chosen[0],
        status=ReviewStatus.ASSIGNED,
        due_at=application.call.review_deadline,
        is_extra=is_extra,
    )
    _notify_assigned([review])
    return review


def _withdraw(*, actor, review: Review, reason: str) -> Review:
    review = transition(review, "withdraw", actor=actor, reason=reason)
    notify(
        event="grants.review_withdrawn",
        recipients=[review.expert_id],
        context={"review": review, "reason": reason.strip()},
        target=review,
    )
    return review


@transaction.atomic
def withdraw_review(*, actor, review: Review, reason: str) -> Review:
    """Take an open review away from its expert, with a reason they are told."""
    review = _withdraw(actor=actor, review=review, reason=reason)
    from .reviews import complete_if_done

    complete_if_done(review.application)
    return review


@transaction.atomic
def reassign_review(*, actor, review: Review, expert, reason: str) -> Review:
    """Move an open review to another expert: withdraw it (the expert is told why) and assign the new one."""
    require(actor, "grants.assign_experts", review.application)
    _refuse_expert(review.application, expert)
    _withdraw(actor=actor, review=review, reason=reason)
    return assign_expert(actor=actor, application=review.application, expert=expert, is_extra=review.is_extra)
