"""Pages of state support: expert review.

Experts: their queue of reviews, and a review page (the application through the shared `_body.html`, the rubric,
a conflict declaration). An expert sees only their own reviews, never another expert's marks or name.
Those who run a call: the assignment board (run the automatic assignment, assign, withdraw or reassign by hand)
and the ranking with pass marks, the budget cut-off line and a bar chart.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import require

from ..choices import ReviewStatus
from ..forms.review import AssignForm, BudgetForm, ConflictForm, RubricForm, WithdrawForm
from ..models import Call
from ..selectors import review as selectors
from ..selectors.applications import application_detail
from ..services import assignment, reviews
from ..services.ranking import rank_call

PER_PAGE = 25
RANKING_PER_PAGE = 50


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has it, else at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ExpertReviewListView(LoginRequiredMixin, View):
    """The signed-in expert's reviews: open ones first by due date; a status filter."""

    def get(self, request: HttpRequest) -> HttpResponse:
        status = request.GET.get("status")
        status = status if status in ReviewStatus.values else None
        page = page_of(request, selectors.expert_queue(request.user, status=status), PER_PAGE)
        context = {"page_obj": page, "status": status, "statuses": ReviewStatus.choices}
        return render(request, "grants/review/queue.html", context)


class ReviewDetailView(LoginRequiredMixin, View):
    """One review: the application, the rubric form (save a draft or submit) and a conflict declaration."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.review = get_object_or_404(selectors.review_with_rubric(), pk=kwargs["pk"])
        require(request.user, "grants.view_review", self.review)
        self.criteria = selectors.criteria_of(self.review.application.call)
        self.is_own = self.review.expert_id == request.user.pk
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, request, rubric=None, conflict=None, status=200) -> HttpResponse:
        review = self.review
        editable = self.is_own and review.status == ReviewStatus.ASSIGNED
        # An expert taken off the application (withdrawn, or their own conflict) no longer sees its content.
        ended = self.is_own and review.status in (ReviewStatus.WITHDRAWN, ReviewStatus.CONFLICT)
        context = {
            "review": review,
            "application": review.application if ended else application_detail().get(pk=review.application_id),
            "show_application": not ended,
            "criteria": self.criteria,
            "marks_rows": [(c, {s.criterion_id: s for s in review.scores.all()}.get(c.pk)) for c in self.criteria],
            "editable": editable,
            "is_own": self.is_own,
            "form": rubric or (RubricForm(criteria=self.criteria, review=review) if editable else None),
            "conflict_form": conflict or (ConflictForm() if editable else None),
        }
        return render(request, "grants/review/detail.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page(request)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        action = request.POST.get("action")
        if action == "conflict":
            form = ConflictForm(request.POST)
            if form.is_valid():
                try:
                    reviews.review_declare_conflict(
                        actor=request.user, review=self.review, reason=form.cleaned_data["reason"]
                    )
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    messages.success(request, _("Your conflict of interest is recorded; the review has ended."))
                    return redirect("grants:expert-reviews")
            return self.render_page(request, conflict=form, status=400)
        form = RubricForm(request.POST, criteria=self.criteria, review=self.review)
        if form.is_valid():
            try:
                reviews.review_save(
                    actor=request.user, review=self.review, marks=form.marks(), comment=form.cleaned_data["comment"]
                )
                if action == "submit":
                    reviews.review_submit(actor=request.user, review=self.review)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if action == "submit":
                    messages.success(request, _("Your review is submitted and locked. Thank you."))
                    return redirect("grants:expert-reviews")
                messages.success(request, _("Your marks are saved. You can come back and finish later."))
                return redirect("grants:review-detail", pk=self.review.pk)
        self.review = selectors.review_with_rubric().get(
            pk=self.review.pk
        )  # the draft may have been saved before a refusal
        return self.render_page(request, rubric=form, status=400)


class CallAssignmentView(LoginRequiredMixin, View):
    """The call's assignment board for those who run it."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.call = get_object_or_404(Call.objects.select_related("programme"), code=kwargs["code"])
        require(request.user, "grants.assign_experts", self.call)
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, request, assign_form=None, withdraw_form=None, status=200) -> HttpResponse:
        context = {
            "call": self.call,
            "counts": selectors.assignment_counts(self.call),
            "page_obj": page_of(request, selectors.assignment_board(self.call), PER_PAGE),
            "assign_form": assign_form or AssignForm(call=self.call),
            "withdraw_form": withdraw_form,
        }
        return render(request, "grants/review/assignment.html", context, status=status)

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        return self.render_page(request)

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        action = request.POST.get("action")
        here = reverse("grants:call-assignment", args=[self.call.code])
        if action == "run":
            try:
                result = assignment.assign_call(actor=request.user, call=self.call)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(here)
            messages.success(
                request,
                ngettext("%(count)s review assigned.", "%(count)s reviews assigned.", result.reviews_created)
                % {"count": result.reviews_created},
            )
            if result.short:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)s application still lacks experts (no suitable expert without a conflict was free).",
                        "%(count)s applications still lack experts (no suitable expert without a conflict was free).",
                        len(result.short),
                    )
                    % {"count": len(result.short)},
                )
            return redirect(here)
        if action == "assign":
            form = AssignForm(request.POST, call=self.call)
            if form.is_valid():
                try:
                    assignment.assign_expert(
                        actor=request.user,
                        application=form.cleaned_data["receipt_number"],
                        expert=form.cleaned_data["expert"],
                        is_extra=form.cleaned_data["is_extra"],
                    )
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    messages.success(request, _("The expert is assigned and told."))
                    return redirect(here)
            return self.render_page(request, assign_form=form, status=400)
        if action == "withdraw":
            form = WithdrawForm(request.POST, call=self.call)
            if form.is_valid():
                review, expert = form.cleaned_data["review"], form.cleaned_data["expert"]
                try:
                    if expert is not None:
                        assignment.reassign_review(
                            actor=request.user, review=review, expert=expert, reason=form.cleaned_data["reason"]
                        )
                    else:
                        assignment.withdraw_review(
                            actor=request.user, review=review, reason=form.cleaned_data["reason"]
                        )
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    messages.success(request, _("The review is taken away and the expert is told."))
                    return redirect(here)
            return self.render_page(request, withdraw_form=form, status=400)
        return redirect(here)


CHART_WIDTH = 600


class CallRankingView(LoginRequiredMixin, View):
    """The ranking per band with pass marks, the cut-off line for a budget, and a bar chart."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        call = get_object_or_404(Call.objects.select_related("programme"), code=code)
        require(request.user, "grants.view_ranking", call)
        form = BudgetForm(request.GET or None)
        budget = form.cleaned_data.get("budget") if form.is_valid() else None
        ranking = rank_call(call, budget=budget)
        bands = ranking.bands
        wanted = form.cleaned_data.get("band") if form.is_valid() else None
        for band in bands:
            band.key = band.band.pk if band.band else 0
            band.requested_passing = sum((r.requested for r in band.rows if r.passes), Decimal(0))
            band.last_funded = next((r.id for r in reversed(band.rows) if r.funded), None)
        selected = next((b for b in bands if b.key == wanted), bands[0] if bands else None)
        scale = max([ranking.budget, *(b.requested_passing for b in bands), Decimal(1)])
        chart = [
            {
                "band": b,
                "funded": int(b.funded_amount / scale * CHART_WIDTH),
                "passing": int(b.requested_passing / scale * CHART_WIDTH),
                "y": 30 + i * 56,
            }
            for i, b in enumerate(bands)
        ]
        context = {
            "call": call,
            "form": form,
            "ranking": ranking,
            "selected": selected,
            "page_obj": page_of(request, selected.rows if selected else [], RANKING_PER_PAGE),
            "chart": chart,
            "chart_width": CHART_WIDTH,
            "chart_height": 40 + len(bands) * 56,
            "budget_x": int(ranking.budget / scale * CHART_WIDTH),
            "currency": call.programme.currency,
        }
        return render(request, "grants/review/ranking.html", context)


urls = [
    path("reviews/", ExpertReviewListView.as_view(), name="expert-reviews"),
    path("reviews/<int:pk>/", ReviewDetailView.as_view(), name="review-detail"),
    path("operator/calls/<slug:code>/assignment/", CallAssignmentView.as_view(), name="call-assignment"),
    path("operator/calls/<slug:code>/ranking/", CallRankingView.as_view(), name="call-ranking"),
]
