"""The API's shared pieces for every module: documented refusals of body-less actions, input as flat errors."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions

from civicbridge.core.api import ErrorSerializer

# --- schema ---------------------------------------------------------------------------------------------------------


def refusable(success, *, code: int = 200, refused=None) -> dict:
    """Responses of an operation that takes no body but may still be refused with 400 (the service says why: the call
    is closed, the review lacks a mark; or a query parameter is invalid): ApiSchema documents 400 only with a body."""
    return {
        code: success,
        400: OpenApiResponse(
            ErrorSerializer, description=refused or _("Refused: `errors` says why, in the user's language.")
        ),
        401: OpenApiResponse(ErrorSerializer, description=_("Not signed in: send `Authorization: Token <key>`.")),
        403: OpenApiResponse(ErrorSerializer, description=_("The rules do not let this user do this.")),
        404: OpenApiResponse(ErrorSerializer, description=_("No such record.")),
    }


# --- input ----------------------------------------------------------------------------------------------------------


def flatten(errors: Any, prefix: str = "") -> list[str]:
    """DRF's nested errors (rows of a list, fields of a row) as plain messages naming the row and the field."""
    if isinstance(errors, list) and errors and all(isinstance(item, dict) for item in errors):
        errors = dict(enumerate(errors))  # rows of a list, by index (a partial update gives only the bad ones)
    if isinstance(errors, dict) and errors and all(isinstance(key, int) for key in errors):
        messages = []
        for index, row in sorted(errors.items()):
            if row:
                row_prefix = gettext("Row %(number)s") % {"number": index + 1}
                messages += flatten(row, f"{prefix}{row_prefix}, ")
        return messages
    if isinstance(errors, dict):
        return [message for key, value in errors.items() for message in flatten(value, f"{prefix}{key}: ")]
    if isinstance(errors, list):
        return [message for item in errors for message in flatten(item, prefix)]
    return [f"{prefix}{errors}"]


def validated(serializer_class, data, **kwargs) -> dict[str, Any]:
    """The input checked for types; errors as {field: [messages]} (the one documented error shape)."""
    serializer = serializer_class(data=data, **kwargs)
    if not serializer.is_valid():
        raise exceptions.ValidationError({field: flatten(value) for field, value in serializer.errors.items()})
    return dict(serializer.validated_data)


def rows_of(rows: list[Any] | None) -> list[dict[str, Any]] | None:
    return None if rows is None else [dict(row) for row in rows]
