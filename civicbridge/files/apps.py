from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "civicbridge.files"
    label = "files"
    verbose_name = _("Files")

    def ready(self) -> None:
        from civicbridge.core import audit

        from .models import StoredFile

        # The blob's path is not logged (the audit log stores JSON); its SHA-256 and public id identify it.
        audit.register(StoredFile, exclude={"file"})
