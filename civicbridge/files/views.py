"""Download: the only way a stored file leaves the server, after its owner's rule allows it."""

from __future__ import annotations

import logging
import uuid

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import selectors
from .models import StoredFile
from .naming import content_disposition

log = logging.getLogger("civicbridge.files")


def attachment_response(stored: StoredFile) -> FileResponse:
    """The blob as a download: detected type, attachment with its safe name, nothing a browser would run."""
    try:
        blob = stored.file.open("rb")
    except FileNotFoundError:
        log.error("files: the blob of %s (%s) is missing from storage", stored.public_id, stored.file.name)
        raise Http404 from None
    charset = "; charset=utf-8" if stored.content_type.startswith("text/") else ""
    response = FileResponse(blob, content_type=stored.content_type + charset)
    response["Content-Disposition"] = content_disposition(stored.safe_name)
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser render it anyway, it runs nothing and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-cache"
    return response


@require_safe
def download(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Stream a file to whoever its owner's rule lets view it; anonymous visitors are sent to sign in first."""
    stored = selectors.stored_file_get(public_id)
    if not request.user.has_perm("files.view_storedfile", stored):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(_("You do not have permission to do this."))
    return attachment_response(stored)
