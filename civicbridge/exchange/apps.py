from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "civicbridge.exchange"
    label = "exchange"
    verbose_name = _("Exchange of practices")

    def ready(self) -> None:
        from civicbridge import files
        from civicbridge.core import audit, workflow

        from . import models as m
        from . import rules  # noqa: F401 -- declares the permissions the workflows name
        from .workflow import LISTING_WORKFLOW, PRACTICE_WORKFLOW, REQUEST_WORKFLOW

        workflow.register(m.Practice, PRACTICE_WORKFLOW)
        workflow.register(m.Listing, LISTING_WORKFLOW)
        workflow.register(m.PartnershipRequest, REQUEST_WORKFLOW)
        for model in (
            m.TargetGroup,
            m.Practice,
            m.PracticeLink,
            m.PracticeDocument,
            m.Adoption,
            m.Listing,
            m.PartnershipRequest,
            m.Partnership,
        ):
            audit.register(model)
        files.register_purpose("exchange.practice", kinds=files.DOCUMENTS | files.IMAGES, max_bytes=10 * 1024 * 1024)
        files.register_purpose("exchange.memorandum", kinds=files.DOCUMENTS, max_bytes=10 * 1024 * 1024)
