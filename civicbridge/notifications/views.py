"""The signed-in user's notifications: the inbox (mark one or all read) and the delivery preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicbridge.core.pagination import page_of

from . import rendering, selectors, services
from .forms import PreferencesForm
from .registry import configurable_events

PER_PAGE = 25


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the page the form was on (the inbox page with its number), never to another site."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first, 25 a page."""
    page_obj = page_of(request, selectors.inbox(request.user), PER_PAGE)
    return render(
        request, "notifications/inbox.html", {"page_obj": page_obj, "time_zone": rendering.zone_of(request.user)}
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read; an htmx request gets the item back (and the badge, out of band)."""
    notification = get_object_or_404(selectors.inbox(request.user), pk=pk)
    services.notification_mark_read(user=request.user, notification=notification)
    if not request.htmx:
        return _back(request)
    count = selectors.unread_count(request.user)
    context = {
        "notification": notification,
        "time_zone": rendering.zone_of(request.user),
        "next": request.POST.get("next", ""),
        "count": count,
        "over_cap": count >= selectors.UNREAD_COUNT_CAP,
    }
    response = render(request, "notifications/_item_swap.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    """Mark every notification read."""
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return _back(request)


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """Which events reach the user on the website and by e-mail, at once or in a daily digest."""
    events = configurable_events()
    current = selectors.preferences_for(request.user, events)
    form = PreferencesForm(request.POST or None, events=events, current=current)
    if request.method == "POST" and form.is_valid():
        services.preferences_set(user=request.user, choices=form.choices())
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
