from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "civicbridge.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from civicbridge.core import audit, personal_data, workflow

        from . import models as m
        from . import rules  # noqa: F401 -- declares the permissions the workflows name
        from .selectors.events import personal_data as export
        from .services.registration import erase_personal_data
        from .workflow import COMMITMENT_WORKFLOW, EVENT_WORKFLOW, REGISTRATION_WORKFLOW

        workflow.register(m.Event, EVENT_WORKFLOW)
        workflow.register(m.Registration, REGISTRATION_WORKFLOW)
        workflow.register(m.Commitment, COMMITMENT_WORKFLOW)
        for model in (
            m.Event,
            m.EventOrganiser,
            m.Session,
            m.Speaker,
            m.RegistrationQuestion,
            m.Registration,
            m.Answer,
            m.Delegation,
            m.DelegationMember,
            m.DelegationVisit,
            m.Outcome,
            m.Commitment,
        ):
            audit.register(model)
        personal_data.register("events", export=export, erase=erase_personal_data)

        # Celery discovers only `tasks` modules: importing this one registers the commitments' reminder job.
        from . import tasks_outcomes  # noqa: F401
