from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "civicbridge.files"
    label = "files"
    verbose_name = _("Files")

    def ready(self) -> None:
        from civicbridge.core import audit

        from .models import StoredFile

        # The blob's storage path is left out of the log: its SHA-256 and public id identify the file.
        audit.register(StoredFile, exclude={"file"})
