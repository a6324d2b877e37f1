from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "civicbridge.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from civicbridge.core import audit

        from . import models

        for model in (models.Theme, models.LegalForm, models.Organisation, models.Unit, models.Person,
                      models.Position, models.NetworkMembership):
            audit.register(model)
