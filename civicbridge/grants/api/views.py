"""State-support endpoints under /api/v1/grants/: thin viewsets over the grants selectors, services and rules.

Every list is scoped to what the user may see under grants/rules.py, so a record the user may not read is not found
(404) rather than forbidden; writes are asked of the same rules by RulesPermission and again by the services.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, parsers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from civicbridge.core.api import AuditedViewSetMixin, ModelViewSet
from civicbridge.core.api_support import refusable, rows_of, validated

from .. import models as m
from ..choices import CallStatus
from ..selectors import results as results_selectors
from ..selectors.applications import application_detail
from ..services import applications as application_services
from ..services import calls as call_services
from ..services import decisions as decision_services
from ..services import ranking as ranking_services
from ..services import reviews as review_services
from . import filtersets as f
from . import serializers as s
from .selectors import call_detail, visible_applications, visible_calls, visible_programmes, visible_reviews


def _schemas(detail, *, create: tuple[Any, type], partial_update: tuple[Any, type], **summaries: Any):
    """A viewset's schema: each action's summary; `create` and `partial_update` as (summary, request serializer),
    answering with `detail` (201 on create)."""
    return extend_schema_view(
        **{action: extend_schema(summary=summary) for action, summary in summaries.items()},
        create=extend_schema(summary=create[0], request=create[1], responses={201: detail}),
        partial_update=extend_schema(summary=partial_update[0], request=partial_update[1], responses=detail),
    )


# --- programmes -----------------------------------------------------------------------------------------------------


@_schemas(
    s.ProgrammeSerializer,
    list=_("Grant programmes"),
    retrieve=_("A grant programme"),
    create=(_("Create a programme (operators and officials of its funder or operator)"), s.ProgrammeWriteSerializer),
    partial_update=(_("Change a programme (those who run it)"), s.ProgrammeWriteSerializer),
)
class ProgrammeViewSet(ModelViewSet):
    """Support programmes of funders (ministries, grant operators, foundations, networks)."""

    serializer_class = s.ProgrammeSerializer
    filterset_class = f.ProgrammeFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[m.Programme]:
        return visible_programmes(self.request.user)

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = validated(s.ProgrammeWriteSerializer, request.data)
        programme = call_services.programme_create(actor=request.user, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=programme.pk)).data, status=201)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        programme = self.get_object()
        data = validated(s.ProgrammeWriteSerializer, request.data, partial=True)
        call_services.programme_update(actor=request.user, programme=programme, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=programme.pk)).data)


# --- calls ----------------------------------------------------------------------------------------------------------


def _call_action_schema(summary, request=None):
    responses = s.CallDetailSerializer if request is not None else refusable(s.CallDetailSerializer)
    return extend_schema(summary=summary, request=request, responses=responses)


@_schemas(
    s.CallDetailSerializer,
    list=_("Calls: open, upcoming and closed (drafts only to those who run them)"),
    retrieve=_("A call with its bands, terms, eligibility rules, rubric and documents"),
    create=(_("Create a draft call of a programme you run"), s.CallCreateSerializer),
    partial_update=(_("Change a call (what may still change depends on its stage)"), s.CallWriteSerializer),
)
class CallViewSet(ModelViewSet):
    """Calls (rounds) of the programmes, by code. `phase` says whether a call accepts applications now."""

    filterset_class = f.CallFilterSet
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_checked_by_service = True  # the rule is asked about the programme
    permission_map = {
        "create": "grants.add_call",
        "partial_update": "grants.change_call",
        "publish": "grants.manage_call",
        "start_review": "grants.manage_call",
        "cancel": "grants.manage_call",
        "publish_results": "grants.manage_call",
        "ranking": "grants.view_ranking",
    }

    def get_queryset(self) -> QuerySet[m.Call]:
        user = self.request.user
        # Only the detail shows the parts; actions re-read what they answer with.
        return call_detail(user) if self.action == "retrieve" else visible_calls(user)

    def get_serializer_class(self):
        return s.CallSerializer if self.action == "list" else s.CallDetailSerializer

    def _detail(self, call: m.Call, status: int = 200) -> Response:
        return Response(s.CallDetailSerializer(call_detail(self.request.user).get(pk=call.pk)).data, status=status)

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = validated(s.CallCreateSerializer, request.data)
        return self._detail(call_services.call_create(actor=request.user, **data), status=201)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        call = self.get_object()
        data = validated(s.CallWriteSerializer, request.data, partial=True)
        for part in ("bands", "terms", "criteria", "documents"):
            if part in data:
                data[part] = rows_of(data[part])
        call_services.call_update(actor=request.user, call=call, **data)
        return self._detail(call)

    @_call_action_schema(_("Publish a draft call"))
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, code: str | None = None) -> Response:
        return self._detail(call_services.call_publish(actor=request.user, call=self.get_object()))

    @_call_action_schema(_("Close intake and start the review (after the call closes)"))
    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request: Request, code: str | None = None) -> Response:
        return self._detail(call_services.call_start_review(actor=request.user, call=self.get_object()))

    @_call_action_schema(_("Cancel a call, with the reason"), request=s.ReasonSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, code: str | None = None) -> Response:
        reason = validated(s.ReasonSerializer, request.data).get("reason", "")
        return self._detail(call_services.call_cancel(actor=request.user, call=self.get_object(), reason=reason))

    @_call_action_schema(_("Publish the results (every application decided)"))
    @action(detail=True, methods=["post"], url_path="publish-results")
    def publish_results(self, request: Request, code: str | None = None) -> Response:
        return self._detail(decision_services.call_publish_results(actor=request.user, call=self.get_object()))

    @extend_schema(
        summary=_("The ranking per band with pass marks and the budget cut-off line (those who run the call)"),
        parameters=[
            OpenApiParameter(
                "budget",
                OpenApiTypes.DECIMAL,
                description=_("Simulate the cut-off with this budget instead of the call's."),
            )
        ],
        responses=refusable(s.RankingSerializer, refused=_("An invalid budget: `errors` names the parameter.")),
    )
    @action(detail=True, methods=["get"])
    def ranking(self, request: Request, code: str | None = None) -> Response:
        call = self.get_object()
        budget = validated(s.BudgetParameterSerializer, request.query_params).get("budget")
        ranking = ranking_services.rank_call(call, budget=budget)
        return Response(s.RankingSerializer(ranking).data)

    @extend_schema(
        summary=_("A call's winners once its results are published (a preview for those who run it)"),
        responses=s.ResultSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def results(self, request: Request, code: str | None = None) -> Response:
        call = self.get_object()
        if not request.user.has_perm("grants.view_results", call):
            raise exceptions.NotFound(gettext("The results of this call are not published yet."))
        # Those who run the call preview its winners before publishing, as on the call's results page.
        published = call.status == CallStatus.RESULTS_PUBLISHED
        rows = results_selectors.winners(published_only=published).filter(call=call)
        return Response(s.ResultSerializer([results_selectors.open_data_row(a) for a in rows], many=True).data)


# --- applications ---------------------------------------------------------------------------------------------------


@_schemas(
    s.ApplicationDetailSerializer,
    list=_("Applications you may read: your organisations', your calls', your reviews'"),
    retrieve=_("An application with all its parts (never its scores or reviews)"),
    create=(_("Start a draft for one of your organisations (while the call is open)"), s.ApplicationCreateSerializer),
    partial_update=(
        _("Save a draft: the fields given; each list given replaces that part whole"),
        s.ApplicationDraftSerializer,
    ),
    destroy=_("Delete a draft that was never submitted"),
)
class ApplicationViewSet(ModelViewSet):
    """Applications to calls. Applicants see their organisations' own; others' are not found."""

    filterset_class = f.ApplicationFilterSet
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    read_perm = "grants.view_application"
    create_checked_by_service = True  # the rule is asked about the applying organisation
    permission_map = {
        "create": "grants.apply",
        "partial_update": "grants.change_application",
        "destroy": "grants.change_application",
        "documents": "grants.change_application",
        "problems": "grants.submit_application",
        "submit": "grants.submit_application",
        "withdraw": "grants.withdraw_application",
    }

    def get_queryset(self) -> QuerySet[m.Application]:
        visible = visible_applications(self.request.user).order_by("-updated_at", "-id")
        if self.action == "list":
            return visible
        return application_detail().filter(pk__in=visible.values("pk"))

    def get_serializer_class(self):
        return s.ApplicationSerializer if self.action == "list" else s.ApplicationDetailSerializer

    def _detail(self, application: m.Application, status: int = 200) -> Response:
        fresh = application_detail().get(pk=application.pk)
        return Response(s.ApplicationDetailSerializer(fresh, context=self.get_serializer_context()).data, status=status)

    @staticmethod
    def _draft_arguments(data: dict[str, Any]) -> dict[str, Any]:
        for part in application_services.PARTS:
            if part in data:
                data[part] = rows_of(data[part])
        return data

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = self._draft_arguments(validated(s.ApplicationCreateSerializer, request.data))
        first = {key: data.pop(key) for key in ("call", "organisation", "title") if key in data}
        if "language" in data:
            first["language"] = data.pop("language")
        data.pop("version", None)
        with transaction.atomic():
            application = application_services.application_create(actor=request.user, **first)
            if data:
                application_services.application_save_draft(
                    actor=request.user, application=application, version=application.version, **data
                )
        return self._detail(application, status=201)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        application = self.get_object()
        data = self._draft_arguments(validated(s.ApplicationDraftSerializer, request.data, partial=True))
        if "version" not in data:
            raise exceptions.ValidationError(
                {"version": [gettext("Send the version of the draft your changes start from.")]}
            )
        application_services.application_save_draft(actor=request.user, application=application, **data)
        return self._detail(application)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        application_services.application_delete_draft(actor=request.user, application=self.get_object())
        return Response(status=204)

    @extend_schema(
        summary=_("What still stops the draft from being submitted (empty when nothing does)"),
        responses=s.ProblemSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def problems(self, request: Request, pk: str | None = None) -> Response:
        problems = application_services.validate_for_submission(self.get_object())
        return Response(s.ProblemSerializer([vars(p) for p in problems], many=True).data)

    @extend_schema(
        summary=_("Submit: every check at once; a receipt number on success"),
        request=None,
        responses=refusable(s.ApplicationDetailSerializer),
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(application_services.application_submit(actor=request.user, application=self.get_object()))

    @extend_schema(
        summary=_("Withdraw a submitted application before the call closes"),
        request=s.ReasonSerializer,
        responses=s.ApplicationDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        reason = validated(s.ReasonSerializer, request.data).get("reason", "")
        application = application_services.application_withdraw(
            actor=request.user, application=self.get_object(), reason=reason
        )
        return self._detail(application)

    @extend_schema(
        summary=_("Attach a document to a draft (type checked by content, size limited)"),
        request={"multipart/form-data": s.DocumentUploadSerializer},
        responses={201: s.DocumentSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[parsers.MultiPartParser])
    def documents(self, request: Request, pk: str | None = None) -> Response:
        application = self.get_object()
        data = validated(s.DocumentUploadSerializer, request.data)
        required = None
        if data.get("required_document"):
            required = m.RequiredDocument.objects.filter(
                call_id=application.call_id, code=data["required_document"]
            ).first()
            if required is None:
                raise exceptions.ValidationError(
                    {"required_document": [gettext("This document is not one this call asks for.")]}
                )
        document = application_services.application_attach_document(
            actor=request.user, application=application, uploaded_file=data["file"], required_document=required
        )
        document = m.ApplicationDocument.objects.select_related("required_document", "file").get(pk=document.pk)
        return Response(s.DocumentSerializer(document).data, status=201)


# --- reviews --------------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Your reviews (experts), or the reviews of the calls you run")),
    retrieve=extend_schema(summary=_("A review with its application, the rubric and its own marks")),
    partial_update=extend_schema(
        summary=_("Save marks and comments of an open review (the expert's own)"),
        request=s.ReviewWriteSerializer,
        responses=s.ReviewDetailSerializer,
    ),
)
class ReviewViewSet(
    AuditedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Expert reviews. An expert sees only their own, never another expert's marks or name."""

    filterset_class = f.ReviewFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]
    read_perm = "grants.view_review"
    permission_map = {
        "partial_update": "grants.submit_review",
        "submit": "grants.submit_review",
        "declare_conflict": "grants.declare_conflict",
    }

    def get_queryset(self) -> QuerySet[m.Review]:
        visible = visible_reviews(self.request.user)
        if self.action == "list":
            return visible
        return (
            m.Review.objects.filter(pk__in=visible.values("pk"))
            .select_related("expert")
            .prefetch_related(
                Prefetch("application", queryset=application_detail().prefetch_related("call__criteria")),
                Prefetch("scores", queryset=m.Score.objects.order_by("criterion__order")),
            )
        )

    def get_serializer_class(self):
        return s.ReviewSerializer if self.action == "list" else s.ReviewDetailSerializer

    def _detail(self, review: m.Review) -> Response:
        return Response(s.ReviewDetailSerializer(self.get_queryset().get(pk=review.pk)).data)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        review = self.get_object()
        data = validated(s.ReviewWriteSerializer, request.data, partial=True)
        marks = {score.criterion_id: (score.value, score.comment) for score in review.scores.all()}
        for row in data.get("scores", []):
            marks[row["criterion"].pk] = (row.get("value"), row.get("comment", ""))
        comment = data.get("comment", review.comment)
        review_services.review_save(actor=request.user, review=review, marks=marks, comment=comment)
        return self._detail(review)

    @extend_schema(
        summary=_("Submit the review: every criterion marked and explained; it is then locked"),
        request=None,
        responses=refusable(s.ReviewDetailSerializer),
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(review_services.review_submit(actor=request.user, review=self.get_object()))

    @extend_schema(
        summary=_("Declare a conflict of interest with the application (ends the review)"),
        request=s.ReasonSerializer,
        responses=s.ReviewDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="declare-conflict")
    def declare_conflict(self, request: Request, pk: str | None = None) -> Response:
        reason = validated(s.ReasonSerializer, request.data).get("reason", "")
        review = review_services.review_declare_conflict(actor=request.user, review=self.get_object(), reason=reason)
        return self._detail(review)


# --- results --------------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Winners of every call whose results are published (open data)")),
)
class ResultViewSet(AuditedViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The public results: one row per awarded application, in the open-data fields of the CSV/JSON export."""

    serializer_class = s.ResultSerializer
    filterset_class = f.ResultFilterSet

    def get_queryset(self) -> QuerySet[m.Application]:
        return results_selectors.winners()

    def list(self, request: Request, *args, **kwargs) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = [results_selectors.open_data_row(application) for application in page]
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)
