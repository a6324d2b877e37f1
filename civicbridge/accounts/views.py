"""Sign-in, sign-up and the personal-data page (see, download, change consent, delete)."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.http import require_POST

from . import services
from .forms import ConsentForm, EraseForm, LoginForm, SignupForm


def remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """Serve the next pages in `language`: the cookie the language switcher sets (it wins over the browser's)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


class LoginView(auth_views.LoginView):
    """Sign in; the pages then speak the language of the user's profile (chosen at sign-up or with the switcher)."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        return remember_language(super().form_valid(form), form.get_user().language)


@require_POST
def set_language(request):
    """The language switcher: Django's set_language, and for a signed-in user the choice is kept in their profile,
    so the next sign-in (on any device) speaks it too."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in {code for code, _name in settings.LANGUAGES}:
        services.user_set_language(user=request.user, language=language)
    return response


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
            return remember_language(redirect("home"), user.language)
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
