"""Similar issues (the htmx fragment the intake form asks for), "me too" support, and merging a duplicate.

Views are thin: reads from selectors.duplicates, writes through services.support and services.duplicates, permissions
by the same rules as the services.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views import View

from civicbridge.core.permissions import require

from ..forms.duplicates import MergeForm, SimilarForm
from ..models import Appeal
from ..selectors.duplicates import similar_open
from ..services import duplicates as services
from ..services import support as support_services

SUPPORT_TEMPLATE = "appeals/_support.html"
SUPPORT_FIELDS = ("id", "status", "author_id", "merged_into_id", "hidden_at", "supporters_count")


class SimilarView(View):
    """GET /appeals/similar/?title=&text=&region=&category= → up to five open issues that say the same (a fragment)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = SimilarForm(request.GET)
        items = similar_open(**form.query())
        return render(request, "appeals/duplicates/_similar.html", {"similar": items})


class SupportView(View):
    """The support button: GET gives its state for this user (htmx loads it), POST supports or withdraws."""

    def context(self, request: HttpRequest, appeal: Appeal) -> dict:
        return {
            "appeal": appeal,
            "support_state": True,
            "supporting": support_services.supports(request.user, appeal),
            "own": request.user.is_authenticated and appeal.author_id == request.user.pk,
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        appeal = get_object_or_404(Appeal.objects.only(*SUPPORT_FIELDS), pk=pk)
        response = render(request, SUPPORT_TEMPLATE, self.context(request, appeal))
        patch_vary_headers(response, ["Cookie"])
        return response

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("appeals:detail", args=[pk]))
        appeal = get_object_or_404(Appeal.objects.only(*SUPPORT_FIELDS), pk=pk)
        withdraw = request.POST.get("action") == "withdraw"
        error = ""
        try:
            if withdraw:
                support_services.support_withdraw(actor=request.user, appeal=appeal)
            else:
                support_services.support_add(actor=request.user, appeal=appeal)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        if request.htmx:
            return render(request, SUPPORT_TEMPLATE, {**self.context(request, appeal), "error": error, "oob": True})
        if error:
            messages.error(request, error)
        else:
            messages.success(
                request, _("Your support is withdrawn.") if withdraw else _("Thank you: your support counts.")
            )
        return redirect(appeal)


class MergeView(LoginRequiredMixin, View):
    """A coordinator merges this issue into another (by its number); similar open issues are offered."""

    template_name = "appeals/duplicates/merge.html"

    def appeal(self, request: HttpRequest, pk: int) -> Appeal:
        appeal = get_object_or_404(Appeal.objects.select_related("region", "category", "merged_into"), pk=pk)
        require(request.user, "appeals.merge_appeal", appeal)
        return appeal

    def render_page(self, request: HttpRequest, appeal: Appeal, form: MergeForm, status: int = 200) -> HttpResponse:
        candidates = similar_open(
            f"{appeal.title} {appeal.text}",
            region=appeal.region_id,
            category=appeal.category_id,
            exclude=appeal.pk,
            language=appeal.language,
        )
        context = {"appeal": appeal, "form": form, "similar": candidates, "mergeable": appeal.is_open}
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        appeal = self.appeal(request, pk)
        return self.render_page(request, appeal, MergeForm(initial={"main": request.GET.get("main")}))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        appeal = self.appeal(request, pk)
        form = MergeForm(request.POST)
        if form.is_valid():
            try:
                main = services.appeal_merge(actor=request.user, duplicate=appeal, main=form.cleaned_data["main"])
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(
                    request,
                    _("Issue No. %(duplicate)s is merged into No. %(main)s; its supporters moved there.")
                    % {"duplicate": appeal.pk, "main": main.pk},
                )
                return redirect(main)
        return self.render_page(request, appeal, form, status=400)


urls = [
    path("similar/", SimilarView.as_view(), name="similar"),
    path("<int:pk>/support/", SupportView.as_view(), name="support"),
    path("<int:pk>/merge/", MergeView.as_view(), name="merge"),
]
