from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "civicbridge.appeals"
    label = "appeals"
    verbose_name = _("Citizens' issues")

    def ready(self) -> None:
        from civicbridge.core import audit, personal_data, workflow

        from . import models as m
        from . import (
            notifications,  # noqa: F401 -- declares the e-mail events
            rules,  # noqa: F401 -- declares the permissions the workflow names
        )
        from . import personal_data as appeals_data
        from .services import lifecycle
        from .workflow import APPEAL_WORKFLOW

        workflow.register(m.Appeal, APPEAL_WORKFLOW)
        workflow.transitioned.connect(lifecycle.on_transition, sender=m.Appeal, dispatch_uid="appeals-lifecycle-mail")
        for model in (m.Category, m.RoutingRule, m.Transfer, m.Supporter):
            audit.register(model)
        audit.register(
            m.Appeal,
            exclude=["search_text"],
            redact=["contact_name", "contact_email", "contact_phone", "public_name"],
        )
        personal_data.register("appeals", export=appeals_data.export, erase=appeals_data.erase)
