"""Signed "not resolved" links for citizens without an account (docs/appeals.md, "Reopening by e-mail link").

The "answered" e-mail to a consented contact address carries a link signed with the site's secret (salted for this
one purpose) holding the issue's id and the `answered_at` it answers. Whoever holds the link acts as a `ReopenLink`:
not a user, it holds `appeals.reopen_appeal` only for that issue and only while the issue still stands answered with
that very answer (checked on the locked row by core.workflow.transition), so a used link, or a link to an older answer,
stops working. The history records no actor.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import rules
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

SALT = "civicbridge.appeals.reopen-link"
MAX_AGE = datetime.timedelta(days=90)


@dataclass(frozen=True)
class ReopenLink:
    """The holder of a valid link: acts for the citizen on one issue, and only to reopen it."""

    appeal_id: int
    answered_at: datetime.datetime

    is_authenticated = False
    is_active = False
    is_superuser = False
    pk = None

    def has_perm(self, perm: str, obj=None) -> bool:
        return rules.has_perm(perm, self, obj)

    def __str__(self) -> str:  # never stored (user_or_none gives None), but readable in logs
        return f"reopen link for issue {self.appeal_id}"


def make_token(appeal) -> str:
    """The signed token for the issue's current answer."""
    if appeal.answered_at is None:
        raise ValueError("only an answered issue has a reopen link")
    return signing.dumps({"a": appeal.pk, "t": appeal.answered_at.isoformat()}, salt=SALT)


def reopen_path(appeal) -> str:
    return reverse("appeals:reopen-link", args=[make_token(appeal)])


def read_token(token: str) -> ReopenLink:
    """The link's holder, or a ValidationError saying the link expired (code "expired") or is not valid ("invalid")."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
        return ReopenLink(int(data["a"]), datetime.datetime.fromisoformat(data["t"]))
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("This link has expired. Sign in, or ask the organisation that answered, to reopen the issue."),
            code="expired",
        ) from exc
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        message = _("This link is not valid. Copy the whole link from the e-mail.")
        raise ValidationError(message, code="invalid") from exc


@rules.predicate
def holds_reopen_link(user, appeal) -> bool:
    """The actor is a ReopenLink for this issue and its current answer."""
    return (
        isinstance(user, ReopenLink)
        and appeal is not None
        and appeal.pk == user.appeal_id
        and appeal.answered_at is not None
        and appeal.answered_at == user.answered_at
    )
