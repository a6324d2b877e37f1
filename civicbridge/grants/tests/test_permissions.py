"""The permission matrix of state support over the web and the API: nine kinds of people × the key actions.

Each cell is asked twice, once of the HTML pages and once of /api/v1/grants/, against a fresh cast, and both must
give the same answer: the one grants/rules.py defines. "Allowed" means the page or endpoint answered and — for a
write — the change is in the database; "refused" means a sign-in redirect, 401, 403 or 404 and nothing changed.

Reads of another organisation's application or another expert's review are refused with 404 (not found, so their
existence is not disclosed), as the pages do.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, CallStatus, ReviewStatus

from .api_support import API, URLS, Cast, client_for, submitted
from .factories import ApplicationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]

ROLES = Cast.ROLES
EVERYONE = frozenset(ROLES)
RUNNERS = frozenset({"runner", "admin"})


def web_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def answered(response) -> bool:
    """The page or endpoint served the request; refusals are sign-in redirects, 401, 403 and 404."""
    if response.status_code in (401, 403, 404):
        return False
    if response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
        return False
    assert response.status_code < 400, (response.status_code, getattr(response, "content", b"")[:300])
    return True


# --- the actions: (web, api) each taking (client, cast) and saying whether it was allowed ---------------------------


def _review_form(cast: Cast, value: int = 7) -> dict[str, str]:
    data = {"action": "save", "comment": "Итог"}
    for criterion in cast.call.criteria.all():
        data[f"criterion_{criterion.pk}"] = str(value)
        data[f"comment_{criterion.pk}"] = "Обоснование"
    return data


def _marks(cast: Cast) -> list[dict]:
    return [{"criterion": c.pk, "value": 7, "comment": "Обоснование"} for c in cast.call.criteria.all()]


def _applied(cast: Cast) -> bool:
    return m.Application.objects.filter(call=cast.second_call, organisation=cast.org_a).exists()


def _status(obj) -> str:
    obj.refresh_from_db()
    return obj.status


def _web_withdraw(client, cast: Cast) -> bool:
    application = submitted(ApplicationFactory(call=cast.call, organisation=cast.org_a), ApplicationStatus.SUBMITTED)
    url = reverse("grants:application-withdraw", args=[application.pk])
    return answered(client.post(url, {"reason": "Передумали"})) and _status(application) == ApplicationStatus.WITHDRAWN


def _api_withdraw(client, cast: Cast) -> bool:
    application = submitted(ApplicationFactory(call=cast.call, organisation=cast.org_a), ApplicationStatus.SUBMITTED)
    url = f"{API}/applications/{application.pk}/withdraw/"
    return answered(client.post(url, {"reason": "Передумали"})) and _status(application) == ApplicationStatus.WITHDRAWN


def _web_apply(client, cast: Cast) -> bool:
    url = reverse("grants:application-create", args=[cast.second_call.code])
    return answered(client.post(url, {"organisation": cast.org_a.pk, "title": "Проект"})) and _applied(cast)


def _api_apply(client, cast: Cast) -> bool:
    payload = {"call": cast.second_call.code, "organisation": cast.org_a.pk, "title": "Проект"}
    return answered(client.post(f"{API}/applications/", payload, format="json")) and _applied(cast)


Check = Callable[[object, Cast], bool]

ACTIONS: dict[str, tuple[frozenset[str], Check, Check]] = {
    "read an open call": (
        EVERYONE,
        lambda c, w: answered(c.get(reverse("grants:call-detail", args=[w.call.code]))),
        lambda c, w: answered(c.get(f"{API}/calls/{w.call.code}/")),
    ),
    "read a draft call": (
        RUNNERS,
        lambda c, w: answered(c.get(reverse("grants:call-detail", args=[w.draft_call.code]))),
        lambda c, w: answered(c.get(f"{API}/calls/{w.draft_call.code}/")),
    ),
    "edit a call": (
        RUNNERS,
        lambda c, w: answered(c.get(reverse("grants:call-edit", args=[w.call.code]))),
        lambda c, w: (
            answered(c.patch(f"{API}/calls/{w.call.code}/", {"description_ru": "Изм."}, format="json"))
            and m.Call.objects.get(pk=w.call.pk).description_ru == "Изм."
        ),
    ),
    "publish a draft call": (
        RUNNERS,
        lambda c, w: (
            answered(c.post(reverse("grants:call-action", args=[w.draft_call.code]), {"action": "publish"}))
            and _status(w.draft_call) == CallStatus.PUBLISHED
        ),
        lambda c, w: (
            answered(c.post(f"{API}/calls/{w.draft_call.code}/publish/"))
            and _status(w.draft_call) == CallStatus.PUBLISHED
        ),
    ),
    "apply for organisation A": (frozenset({"applicant_a", "admin"}), _web_apply, _api_apply),
    "read A's application under review": (
        frozenset({"applicant_a", "expert", "runner", "admin"}),
        lambda c, w: answered(c.get(reverse("grants:application-detail", args=[w.reviewed_a.pk]))),
        lambda c, w: answered(c.get(f"{API}/applications/{w.reviewed_a.pk}/")),
    ),
    "edit A's draft": (
        frozenset({"applicant_a", "admin"}),
        lambda c, w: answered(c.get(reverse("grants:application-edit", args=[w.draft_a.pk]))),
        lambda c, w: (
            answered(c.patch(f"{API}/applications/{w.draft_a.pk}/", {"version": 1, "summary": "Новая"}, format="json"))
            and m.Application.objects.get(pk=w.draft_a.pk).summary == "Новая"
        ),
    ),
    "submit A's draft": (
        frozenset({"applicant_a", "admin"}),
        lambda c, w: (
            answered(c.post(reverse("grants:application-submit", args=[w.draft_a.pk])))
            and _status(w.draft_a) == ApplicationStatus.SUBMITTED
        ),
        lambda c, w: (
            answered(c.post(f"{API}/applications/{w.draft_a.pk}/submit/"))
            and _status(w.draft_a) == ApplicationStatus.SUBMITTED
        ),
    ),
    "withdraw A's submitted application": (frozenset({"applicant_a", "admin"}), _web_withdraw, _api_withdraw),
    "read the review": (
        frozenset({"expert", "runner", "admin"}),
        lambda c, w: answered(c.get(reverse("grants:review-detail", args=[w.review.pk]))),
        lambda c, w: answered(c.get(f"{API}/reviews/{w.review.pk}/")),
    ),
    # Only the assigned expert: an administrator passes every rule, but must not score in an expert's name.
    "score the review": (
        frozenset({"expert"}),
        lambda c, w: (
            answered(c.post(reverse("grants:review-detail", args=[w.review.pk]), _review_form(w)))
            and m.Score.objects.filter(review=w.review).exists()
        ),
        lambda c, w: (
            answered(c.patch(f"{API}/reviews/{w.review.pk}/", {"scores": _marks(w)}, format="json"))
            and m.Score.objects.filter(review=w.review).exists()
        ),
    ),
    "declare a conflict on the review": (
        frozenset({"expert"}),
        lambda c, w: (
            answered(
                c.post(reverse("grants:review-detail", args=[w.review.pk]), {"action": "conflict", "reason": "Связан"})
            )
            and _status(w.review) == ReviewStatus.CONFLICT
        ),
        lambda c, w: (
            answered(c.post(f"{API}/reviews/{w.review.pk}/declare-conflict/", {"reason": "Связан"}))
            and _status(w.review) == ReviewStatus.CONFLICT
        ),
    ),
    "see the ranking": (
        RUNNERS,
        lambda c, w: answered(c.get(reverse("grants:call-ranking", args=[w.call.code]))),
        lambda c, w: answered(c.get(f"{API}/calls/{w.call.code}/ranking/")),
    ),
    "see unpublished results of a call": (
        RUNNERS,
        lambda c, w: answered(c.get(reverse("grants:call-results", args=[w.call.code]))),
        lambda c, w: answered(c.get(f"{API}/calls/{w.call.code}/results/")),
    ),
    "read the public results": (
        EVERYONE,
        lambda c, w: answered(c.get(reverse("grants:results"))),
        lambda c, w: answered(c.get(f"{API}/results/")),
    ),
}


# Where a page is knowingly narrower than the rule. The rule `grants.apply` (and so the service and the API) lets an
# administrator apply for any organisation; the "apply" page offers only the organisations the user edits, and an
# administrator edits none. Listed here so that the difference stays visible, and so that any other one fails.
WEB_NARROWER = {("apply for organisation A", "admin")}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_permission_matrix(action):
    """Every person on both channels; each attempt is rolled back so the next one meets the same cast."""
    allowed_roles, web, api = ACTIONS[action]
    cast = Cast()
    wrong = []
    for role in ROLES:
        user = cast.user(role)
        for channel, check, client in (("web", web, web_client(user)), ("api", api, client_for(user))):
            with transaction.atomic():
                allowed = check(client, cast)
                transaction.set_rollback(True)
            expected = role in allowed_roles and (channel, action, role) not in {("web", *c) for c in WEB_NARROWER}
            if allowed != expected:
                wrong.append(f"{role} on the {channel}: {'allowed' if allowed else 'refused'}")
    assert not wrong, f"{action}: " + "; ".join(wrong)
