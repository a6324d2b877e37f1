"""Scheduled jobs of citizens' issues (beat runs them; see config/settings)."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.models import Membership
from civicbridge.core.context import acting_as
from civicbridge.registry.models import Organisation

from .rules import RESPONSIBLE_ROLES
from .selectors.overdue import newly_overdue

DIGEST_ITEMS = 20  # issues named in one e-mail; the rest are counted, and the link lists them all
LOCK_SECONDS = 2 * 24 * 60 * 60


def day_window(now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """The UTC day before `now`'s: [yesterday 00:00, today 00:00)."""
    today = now.astimezone(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return today - datetime.timedelta(days=1), today


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
    """Tell each responsible organisation's people, in one e-mail, which of its issues became overdue yesterday.

    Once per issue without a field to remember it: an issue is in the digest of the one UTC day its due date fell
    on (the day window), and a day's digests are sent once (a cache key taken with add(), atomic on Redis, guards a
    second run on the same day). Issues answered or declined by the time the job runs are left out.
    Returns the number of organisations told.
    """
    from civicbridge.notifications.services import notify

    now = now or timezone.now()
    since, until = day_window(now)
    if not cache.add(f"appeals:overdue-digest:{until.date().isoformat()}", now.isoformat(), LOCK_SECONDS):
        return 0
    by_org: dict[int, list] = {}
    for appeal in newly_overdue(since, until):
        by_org.setdefault(appeal.responsible_id, []).append(appeal)
    if not by_org:
        return 0
    people = responders_by_organisation(by_org)
    organisations = Organisation.objects.in_bulk(list(by_org))
    told = 0
    with transaction.atomic():
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
    return told


@shared_task(name="appeals.send_overdue_digests")
def send_overdue_digests_task() -> int:
    """Daily: each responsible organisation hears of its issues that became overdue the day before."""
    with acting_as(None):
        return send_overdue_digests()
