from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "civicbridge.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import audit, services

        audit.connect_signals()
        services.register_models()
        # Each app declares what the platform search indexes in `<app>/search.py` (like admin.py), found here.
        autodiscover_modules("search")
