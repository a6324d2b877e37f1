"""Sign-up, consent and erasure forms."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """E-mail and password; django-axes counts failures per e-mail and address."""

    username = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    # Django's text names the username field and may be untranslated (Kazakh); ours is the API's wording.
    error_messages = {**AuthenticationForm.error_messages, "invalid_login": _("The e-mail or password is wrong.")}


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    full_name = forms.CharField(
        label=_("Full name"), max_length=255, required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    language = forms.ChoiceField(label=_("Interface language"), choices=settings.LANGUAGES)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 10 characters; not only digits; not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    consent_processing = forms.BooleanField(
        label=_("I agree to the processing of my personal data to use CivicBridge"),
        required=False,
        help_text=_(
            "Required by the personal data laws of Kazakhstan and Russia. You can withdraw it and delete "
            "your data at any time."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The page's language is the likeliest answer: a Kazakh page offers Kazakh.
        active = get_language()
        self.fields["language"].initial = active if active in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords do not match."))
        return data


class ConsentForm(forms.Form):
    public_contacts = forms.BooleanField(label=_("Show my contacts on my public profile"), required=False)
    newsletter = forms.BooleanField(label=_("Send me news and digests by e-mail"), required=False)


class EraseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is wrong."))
        return password
