"""Sign-in, sign-up and the personal-data page (see, download, change consent, delete)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import ConsentForm, EraseForm, LoginForm, SignupForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


def signup(request):
    """Create an account with recorded consent."""
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_register(
                email=data["email"],
                password=data["password1"],
                full_name=data["full_name"],
                language=data["language"],
                consent_processing=data["consent_processing"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account is ready."))
            return redirect("home")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def personal_data(request):
    """What we hold about you, your consents, and the buttons to download or delete it."""
    state = services.consent_state(request.user)
    consent_form = ConsentForm(request.POST if request.method == "POST" else None, initial=state)
    if request.method == "POST" and consent_form.is_valid():
        for purpose in ("public_contacts", "newsletter"):
            services.consent_set(user=request.user, purpose=purpose, granted=consent_form.cleaned_data[purpose])
        messages.success(request, _("Your choices are saved."))
        return redirect("accounts:personal-data")
    return render(
        request,
        "accounts/personal_data.html",
        {
            # The page shows the account; the full export (every notification…) is built only for the download.
            "data": {"account": request.user},
            "consent_form": consent_form,
            "erase_form": EraseForm(user=request.user),
            "consents": request.user.consents.all()[:50],
        },
    )


@login_required
def personal_data_download(request):
    """The personal data as a JSON file."""
    body = json.dumps(services.personal_data_export(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="civicbridge-personal-data.json"'
    return response


@login_required
@require_POST
def personal_data_erase(request):
    """Delete the account's personal data after the password is confirmed."""
    form = EraseForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(
            request,
            "accounts/personal_data.html",
            {
                "data": {"account": request.user},
                "consent_form": ConsentForm(initial=services.consent_state(request.user)),
                "erase_form": form,
                "consents": request.user.consents.all()[:50],
            },
            status=400,
        )
    services.user_erase(user=request.user)
    logout(request)
    messages.success(request, _("Your personal data has been deleted and your account closed."))
    return redirect("home")
