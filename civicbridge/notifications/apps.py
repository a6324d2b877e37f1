from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "civicbridge.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from civicbridge.core import personal_data

        from . import checks, events  # noqa: F401 -- registers the system check and the test message event
        from .selectors import personal_data as export
        from .services import notifications_erase

        personal_data.register("notifications", export=export, erase=notifications_erase)

        # Each app declares its events in `<app>/notifications.py` (like admin.py), found here.
        autodiscover_modules("notifications")
