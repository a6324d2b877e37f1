"""Scheduled jobs of citizens' issues (beat runs them; see config/settings)."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.models import Membership
from civicbridge.core.context import acting_as
from civicbridge.registry.models import Organisation

from .models import Appeal
from .rules import RESPONSIBLE_ROLES
from .selectors.overdue import overdue_unnotified

DIGEST_ITEMS = 20  # issues named in one e-mail; the rest are counted, and the link lists them all


def responders_by_organisation(org_ids) -> dict[int, list[int]]:
    """{organisation id: its active users in a responsible role} — officials of a state body as well as an NGO's
    editors, since both answer the issues routed to them (appeals.rules.RESPONSIBLE_ROLES)."""
    found: dict[int, list[int]] = {}
    rows = (
        Membership.objects.filter(organisation_id__in=org_ids, role__in=RESPONSIBLE_ROLES, user__is_active=True)
        .values_list("organisation_id", "user_id")
        .distinct()
        .order_by("organisation_id", "user_id")
    )
    for org_id, user_id in rows:
        found.setdefault(org_id, []).append(user_id)
    return found


def send_overdue_digests(now: datetime.datetime | None = None) -> int:
    """Tell each responsible organisation's people, in one e-mail, which of its issues are overdue and not yet told.

    Once per issue: the issues are picked where overdue_notified_at is empty, locked (SKIP LOCKED, so a second worker
    running at the same time passes over them instead of sending them again), told and stamped in one transaction —
    if sending fails nothing is stamped, and a day the job did not run is caught up on the next. Issues of an
    organisation with nobody to tell are stamped too (coordinators see them on the overdue list). Issues answered or
    declined by the time the job runs are left out. Returns the number of organisations told.
    """
    from civicbridge.notifications.services import notify

    now = now or timezone.now()
    told = 0
    with transaction.atomic():
        picked = list(
            overdue_unnotified(now).select_related("category").select_for_update(skip_locked=True, of=("self",))
        )
        if not picked:
            return 0
        by_org: dict[int, list] = {}
        for appeal in picked:
            by_org.setdefault(appeal.responsible_id, []).append(appeal)
        people = responders_by_organisation(by_org)
        organisations = Organisation.objects.in_bulk(list(by_org))
        for org_id, appeals in by_org.items():
            if not people.get(org_id):
                continue
            notify(
                event="appeals.overdue_digest",
                recipients=people[org_id],
                context={
                    "organisation": organisations[org_id],
                    "appeals": appeals[:DIGEST_ITEMS],
                    "count": len(appeals),
                    "more": max(0, len(appeals) - DIGEST_ITEMS),
                    "url": reverse("appeals:overdue-organisation", args=[org_id]),
                },
                target=organisations[org_id],
            )
            told += 1
        Appeal.objects.filter(pk__in=[appeal.pk for appeal in picked]).update(overdue_notified_at=now)
    return told


@shared_task(name="appeals.send_overdue_digests")
def send_overdue_digests_task() -> int:
    """Daily: each responsible organisation hears of its overdue issues not yet told."""
    with acting_as(None):
        return send_overdue_digests()


@shared_task(name="appeals.refresh_stats")
def refresh_stats_task() -> None:
    """Every five minutes: recompute the statistics page's default views into the cache (a reader never waits)."""
    from .selectors import stats

    stats.refresh()
