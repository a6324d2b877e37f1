"""Forms of the exchange's pages, one module per part. They shape input for the services, which check and save."""

from __future__ import annotations

from django.db.models import QuerySet

from civicbridge.accounts.rules import organisations_edited_by
from civicbridge.registry.models import Organisation


def edited_organisations(user) -> QuerySet[Organisation]:
    """The organisations the user acts for, by name: the choices of "on behalf of" (every organisation would be too
    many to list, even for administrators)."""
    return Organisation.objects.filter(pk__in=organisations_edited_by(user)).order_by("name_ru", "id")
