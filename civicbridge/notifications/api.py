"""/api/v1/notifications/: the signed-in user's own notifications, and marking them read."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from civicbridge.core.api import ReadOnlyModelViewSet

from . import selectors, services
from .models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    """A notification as the inbox shows it; `target_type`/`target_id` name the record it is about."""

    target_type = serializers.SerializerMethodField(help_text=_("The record it is about, as app.model (or null)."))
    target_id = serializers.CharField(source="object_id", read_only=True, help_text=_("Its id (empty if none)."))
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "event", "title", "body", "url", "target_type", "target_id", "created_at", "read_at", "is_read"]
        read_only_fields = fields

    def get_target_type(self, obj: Notification) -> str | None:
        if obj.content_type_id is None:
            return None
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.get_for_id(obj.content_type_id)  # cached per process: no query per row
        return f"{content_type.app_label}.{content_type.model}"


class NotificationFilterSet(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label=_("Unread only"))
    event = django_filters.CharFilter(label=_("Event key, e.g. grants.application_submitted"))

    class Meta:
        model = Notification
        fields = ["unread", "event"]


@extend_schema_view(
    list=extend_schema(summary=_("Your notifications, newest first")),
    retrieve=extend_schema(summary=_("One of your notifications")),
)
class NotificationViewSet(ReadOnlyModelViewSet):
    """The signed-in user's notifications; other users' are not found (404)."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilterSet
    read_perm = "notifications.view_notification"
    permission_map = {"read": "notifications.change_notification", "read_all": "notifications.view_notification"}

    def get_queryset(self) -> QuerySet[Notification]:
        return selectors.inbox(self.request.user)

    @extend_schema(summary=_("Mark a notification read"), request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = services.notification_mark_read(user=request.user, notification=self.get_object())
        return Response(self.get_serializer(notification).data)

    @extend_schema(
        summary=_("Mark all your notifications read"),
        request=None,
        responses=inline_serializer("NotificationsMarkedRead", fields={"marked": serializers.IntegerField()}),
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        return Response({"marked": services.notifications_mark_all_read(user=request.user)})


def register(router: BaseRouter) -> None:
    """Add the notifications endpoints to the /api/v1/ router."""
    router.register("notifications", NotificationViewSet, basename="notification")
