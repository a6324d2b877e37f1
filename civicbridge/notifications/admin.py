"""Admin: notifications are read-only; preferences can be corrected; a test message checks the e-mail settings."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import Notification, NotificationPreference
from .registry import ALL_EVENTS, registered_events


@admin.action(description=gettext_lazy("Send a test notification"))
def send_test_notification(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset) -> None:
    """An action for the users' list: a test message (website and e-mail) to each selected active user.

    Administrators only: the service asks the rule `notifications.send_test_message`.
    """
    count = services.send_test_message(actor=request.user, recipients=list(queryset))
    modeladmin.message_user(
        request, _("A test notification was sent to %(count)d users.") % {"count": count}, messages.SUCCESS
    )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: a notification is a record of what was said to whom."""

    list_display = ("created_at", "recipient", "event", "title", "read_at", "emailed_at", "in_inbox")
    list_filter = ("event", ("read_at", admin.EmptyFieldListFilter), "in_inbox", "digest_pending")
    search_fields = ("recipient__email", "title", "event")
    list_select_related = ("recipient",)
    date_hierarchy = "created_at"
    show_full_result_count = False  # an exact count of a large table on every page costs more than it tells

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_send_test_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("notifications.send_test_message")

    def get_urls(self):
        extra = [
            path(
                "send-test/",
                self.admin_site.admin_view(self.send_test_view),
                name="notifications_notification_send_test",
            )
        ]
        return extra + super().get_urls()

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        extra_context = {**(extra_context or {}), "can_send_test": self.has_send_test_permission(request)}
        return super().changelist_view(request, extra_context)

    def send_test_view(self, request: HttpRequest) -> HttpResponse:
        """GET: what will happen; POST: send the test message to the signed-in administrator."""
        if not self.has_send_test_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            services.send_test_message(actor=request.user, recipients=[request.user])
            self.message_user(
                request,
                _("A test notification was sent to %(email)s. Check that mailbox and your notifications.")
                % {"email": request.user.email},
                messages.SUCCESS,
            )
            return redirect("admin:notifications_notification_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Send a test notification"),
        }
        return TemplateResponse(request, "admin/notifications/notification/send_test.html", context)


class PreferenceForm(forms.ModelForm):
    """The event is chosen from the declared ones (or * for all)."""

    event = forms.ChoiceField(label=gettext_lazy("event"))

    class Meta:
        model = NotificationPreference
        fields = ("user", "event", "channel", "enabled", "frequency")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(ALL_EVENTS, _("every event"))]
        choices += [(event.key, f"{event.label} ({event.key})") for event in registered_events() if not event.mandatory]
        self.fields["event"].choices = choices


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    form = PreferenceForm
    list_display = ("user", "event", "channel", "enabled", "frequency")
    list_filter = ("channel", "enabled", "frequency")
    search_fields = ("user__email", "event")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
