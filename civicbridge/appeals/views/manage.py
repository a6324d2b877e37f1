"""The people who handle issues: "our issues" (the responsible party's work queue), the coordinators' "to route"
queue, the manage page of one issue (private detail, lifecycle buttons, passing on, routing by hand) and the routing
rules (administrators and moderators).

Views are thin: reads from selectors.work, writes through services.lifecycle and services.routing, permissions by
the rules the services ask.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import RulePermissionMixin, require
from civicbridge.core.workflow import actions_for, history_for

from ..forms.manage import ActionForm, AssignForm, RuleForm, TransferForm, WorkFilterForm
from ..models import Appeal, RoutingRule
from ..selectors import work as selectors
from ..services import lifecycle, routing
from ..workflow import APPEAL_WORKFLOW

#: Actions whose button comes with a text box, and what the box is called.
TEXT_ACTIONS = {"answer", "decline", "reopen"}


def actions_with_answer(appeal: Appeal, user) -> dict:
    """actions_for, plus "answer" when only its guard (no answer text yet) holds it back: the page asks for the text."""
    allowed = actions_for(appeal, user)
    table = APPEAL_WORKFLOW.transitions_from(appeal.status)
    answer = table.get("answer")
    if answer is not None and "answer" not in allowed and user.has_perm(answer.permission, appeal):
        allowed["answer"] = answer
    return {name: allowed[name] for name in table if name in allowed}


def _messages_of(exc: ValidationError) -> list[str]:
    return [str(message) for message in exc.messages]


class WorkQueueView(RulePermissionMixin, View):
    """Our issues: those routed to the organisations the user answers for; overdue first."""

    permission_required = "appeals.view_work"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = WorkFilterForm(request.GET or None)
        status, overdue_only = "", False
        if form.is_valid():
            status, overdue_only = form.cleaned_data["status"], form.cleaned_data["overdue"]
        queryset = selectors.work_queue(request.user, status=status, open_only=not status)
        if overdue_only:
            queryset = queryset.filter(selectors.overdue_q())
        context = {
            "filter_form": form,
            "page_obj": page_of(request, queryset),
            "can_route": request.user.has_perm("appeals.route_appeal"),
            "can_edit_rules": request.user.has_perm("appeals.manage_rules"),
        }
        return render(request, "appeals/manage/work.html", context)


class ToRouteView(RulePermissionMixin, View):
    """The coordinators' queue of issues no rule routed."""

    permission_required = "appeals.route_appeal"

    def get(self, request: HttpRequest) -> HttpResponse:
        page = page_of(request, selectors.to_route())
        return render(request, "appeals/manage/to_route.html", {"page_obj": page})


def _appeal_or_404(request: HttpRequest, pk: int) -> Appeal:
    try:
        appeal = selectors.manage_detail(pk)
    except Appeal.DoesNotExist as exc:
        raise Http404 from exc
    require(request.user, "appeals.view_private", appeal)
    return appeal


@method_decorator(login_required, name="dispatch")
class ManageView(View):
    """One issue's private detail and what the user may do with it now."""

    def get(self, request: HttpRequest, pk: int, **forms) -> HttpResponse:
        appeal = _appeal_or_404(request, pk)
        return render(request, "appeals/manage/detail.html", self.context(request, appeal, **forms))

    @staticmethod
    def context(request: HttpRequest, appeal: Appeal, **forms) -> dict:
        user = request.user
        allowed = actions_with_answer(appeal, user)
        actions = {name: step for name, step in allowed.items() if name != "merge"}  # merging: views/duplicates.py
        return {
            "appeal": appeal,
            "actions": [(name, step, name in TEXT_ACTIONS) for name, step in actions.items()],
            "action_form": forms.get("action_form") or ActionForm(),
            "failed_action": forms.get("failed_action", ""),
            "show_contacts": user.has_perm("appeals.view_contacts", appeal),
            "can_transfer": appeal.is_open
            and appeal.responsible_id is not None
            and user.has_perm("appeals.transfer_appeal", appeal),
            "transfer_form": forms.get("transfer_form") or TransferForm(),
            "can_assign": appeal.is_open and appeal.responsible_id is None and user.has_perm("appeals.route_appeal"),
            "assign_form": forms.get("assign_form") or AssignForm(),
            "can_merge": "merge" in allowed,
            "history": [
                {"step": step, "label": APPEAL_WORKFLOW.state_label(step.target)} for step in history_for(appeal)
            ],
            "transfers": list(selectors.transfers_of(appeal)),
        }


@method_decorator(login_required, name="dispatch")
class ActView(View):
    """Accept, start, answer, decline, reopen (core.workflow decides; the service writes the answer's fields)."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        appeal = _appeal_or_404(request, pk)
        form = ActionForm(request.POST)
        form.is_valid()
        try:
            lifecycle.appeal_act(appeal, action, actor=request.user, text=form.cleaned_data.get("text", ""))
        except ValidationError as exc:
            for message in _messages_of(exc):
                form.add_error("text", message)
            context = ManageView.context(request, appeal, action_form=form, failed_action=action)
            return render(request, "appeals/manage/detail.html", context, status=400)
        appeal.refresh_from_db()
        messages.success(request, _("Done: the issue is now “%(status)s”.") % {"status": appeal.get_status_display()})
        return redirect("appeals:manage", pk=pk)


@method_decorator(login_required, name="dispatch")
class TransferView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        appeal = _appeal_or_404(request, pk)
        form = TransferForm(request.POST)
        if form.is_valid():
            try:
                routing.appeal_transfer(
                    appeal, form.cleaned_data["organisation"], actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The issue was passed on."))
                if request.user.has_perm("appeals.view_private", Appeal.objects.get(pk=pk)):
                    return redirect("appeals:manage", pk=pk)
                return redirect("appeals:work")
        context = ManageView.context(request, appeal, transfer_form=form)
        return render(request, "appeals/manage/detail.html", context, status=400)


@method_decorator(login_required, name="dispatch")
class AssignView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        appeal = _appeal_or_404(request, pk)
        form = AssignForm(request.POST)
        if form.is_valid():
            try:
                routing.appeal_assign(
                    appeal, form.cleaned_data["organisation"], actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The issue was routed."))
                return redirect("appeals:to-route")
        context = ManageView.context(request, appeal, assign_form=form)
        return render(request, "appeals/manage/detail.html", context, status=400)


# --- routing rules ----------------------------------------------------------------------------------------------------


class RuleListView(RulePermissionMixin, View):
    permission_required = "appeals.manage_rules"

    def get(self, request: HttpRequest) -> HttpResponse:
        rules = RoutingRule.objects.select_related("category", "theme", "country", "region", "responsible").order_by(
            "-is_active", "category__order", "category_id", "-priority", "id"
        )
        return render(request, "appeals/manage/rules.html", {"page_obj": page_of(request, rules, per_page=50)})


class RuleFormView(RulePermissionMixin, View):
    permission_required = "appeals.manage_rules"
    template_name = "appeals/manage/rule_form.html"

    def rule(self, pk: int | None) -> RoutingRule:
        return get_object_or_404(RoutingRule, pk=pk) if pk else RoutingRule()

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        rule = self.rule(pk)
        return render(request, self.template_name, {"form": RuleForm(instance=rule), "rule": rule})

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        rule = self.rule(pk)
        form = RuleForm(request.POST, instance=rule)
        if form.is_valid():
            try:
                routing.rule_save(form.save(commit=False), actor=request.user)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The routing rule is saved."))
                return redirect("appeals:rules")
        return render(request, self.template_name, {"form": form, "rule": rule}, status=400)


class RuleDeleteView(RulePermissionMixin, View):
    permission_required = "appeals.manage_rules"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        routing.rule_delete(get_object_or_404(RoutingRule, pk=pk), actor=request.user)
        messages.success(request, _("The routing rule is deleted."))
        return redirect(reverse("appeals:rules"))


urls = [
    path("work/", WorkQueueView.as_view(), name="work"),
    path("to-route/", ToRouteView.as_view(), name="to-route"),
    path("<int:pk>/manage/", ManageView.as_view(), name="manage"),
    path("<int:pk>/manage/transfer/", TransferView.as_view(), name="transfer"),
    path("<int:pk>/manage/assign/", AssignView.as_view(), name="assign"),
    path("<int:pk>/manage/<slug:action>/", ActView.as_view(), name="act"),
    path("rules/", RuleListView.as_view(), name="rules"),
    path("rules/new/", RuleFormView.as_view(), name="rule-create"),
    path("rules/<int:pk>/", RuleFormView.as_view(), name="rule-edit"),
    path("rules/<int:pk>/delete/", RuleDeleteView.as_view(), name="rule-delete"),
]
