""" "Not resolved" through the signed link of the "answered" e-mail (links.py): for a citizen without an account.

GET shows the issue's title and the answer with a short form, or says why the link cannot be used (expired, not
valid, already used); POST reopens through services.lifecycle.appeal_reopen_by_link.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View

from ..forms.manage import ReopenLinkForm
from ..services import lifecycle

TEMPLATE = "appeals/reopen/link.html"


class ReopenLinkView(View):
    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            _link, appeal = lifecycle.link_state(token)
        except ValidationError as exc:
            return self.refused(request, exc)
        return render(request, TEMPLATE, {"appeal": appeal, "form": ReopenLinkForm()})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            _link, appeal = lifecycle.link_state(token)
        except ValidationError as exc:
            return self.refused(request, exc)
        form = ReopenLinkForm(request.POST)
        if form.is_valid():
            try:
                lifecycle.appeal_reopen_by_link(token, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                if getattr(exc, "code", None) in {"expired", "invalid", "used", "gone"}:
                    return self.refused(request, exc)
                form.add_service_error(exc)
            else:
                messages.success(request, _("Thank you. Your issue is reopened and goes back to the organisation."))
                return redirect(appeal.get_absolute_url())
        return render(request, TEMPLATE, {"appeal": appeal, "form": form}, status=400 if form.errors else 200)

    def refused(self, request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return render(request, TEMPLATE, {"problem": exc.messages[0]}, status=410 if exc.code != "invalid" else 404)


urls = [path("not-resolved/<str:token>/", ReopenLinkView.as_view(), name="reopen-link")]
