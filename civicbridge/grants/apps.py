from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "civicbridge.grants"
    label = "grants"
    verbose_name = _("State support")

    def ready(self) -> None:
        from civicbridge import files
        from civicbridge.core import audit, personal_data, workflow

        from . import models as m
        from . import personal_data as grants_personal_data
        from . import rules  # noqa: F401 -- declares the permissions the workflows name
        from .workflow import (
            AGREEMENT_WORKFLOW,
            APPLICATION_WORKFLOW,
            CALL_WORKFLOW,
            REPORT_WORKFLOW,
            REVIEW_WORKFLOW,
        )

        workflow.register(m.Call, CALL_WORKFLOW)
        workflow.register(m.Application, APPLICATION_WORKFLOW)
        workflow.register(m.Review, REVIEW_WORKFLOW)
        workflow.register(m.Report, REPORT_WORKFLOW)
        workflow.register(m.Agreement, AGREEMENT_WORKFLOW)
        for model in (
            m.Programme,
            m.Call,
            m.SizeBand,
            m.DurationTerm,
            m.Criterion,
            m.RequiredDocument,
            m.Application,
            m.Task,
            m.Activity,
            m.Indicator,
            m.ApplicationPartner,
            m.TeamMember,
            m.BudgetLine,
            m.ApplicationDocument,
            m.EligibilityCheck,
            m.ExpertProfile,
            m.ConflictDeclaration,
            m.Review,
            m.Score,
            m.Decision,
            m.Agreement,
            m.Instalment,
            m.Report,
            m.IndicatorActual,
            m.Spending,
        ):
            audit.register(model)
        personal_data.register("grants", export=grants_personal_data.export)
        files.register_purpose("grants.application", kinds=files.DOCUMENTS | files.IMAGES, max_bytes=10 * 1024 * 1024)
        files.register_purpose("grants.report", kinds=files.DOCUMENTS | files.IMAGES, max_bytes=20 * 1024 * 1024)
