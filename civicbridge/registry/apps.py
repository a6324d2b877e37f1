from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "civicbridge.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from civicbridge.core import audit

        from . import models

        for model in (
            models.Theme,
            models.LegalForm,
            models.Organisation,
            models.Unit,
            models.Position,
            models.NetworkMembership,
        ):
            audit.register(model)
        # A person's contacts are personal data: the log records that they changed, not what they are.
        audit.register(models.Person, redact={"email", "phone"})
