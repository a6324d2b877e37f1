from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "civicbridge.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import audit, services

        audit.connect_signals()
        services.register_models()
