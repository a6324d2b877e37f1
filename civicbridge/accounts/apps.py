from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "civicbridge.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from civicbridge.core import audit

        from .models import Consent, Membership, User

        audit.register(User, exclude={"password", "last_login"}, redact={"email", "full_name"})
        audit.register(Membership)
        audit.register(Consent)
