"""Which events fields have ru/kk/en versions: what the public reads. The author's language is `original_language`."""

from modeltranslation.translator import TranslationOptions, register

from .models import Commitment, Delegation, DelegationVisit, Event, Outcome, RegistrationQuestion, Session


@register(Event)
class EventTR(TranslationOptions):
    fields = ("title", "summary", "description", "series", "address")


@register(Session)
class SessionTR(TranslationOptions):
    fields = ("title", "description")


@register(RegistrationQuestion)
class RegistrationQuestionTR(TranslationOptions):
    fields = ("text",)


# Delegations and outcomes.


@register(Delegation)
class DelegationTR(TranslationOptions):
    fields = ("purpose",)


@register(DelegationVisit)
class DelegationVisitTR(TranslationOptions):
    fields = ("title", "notes")


@register(Outcome)
class OutcomeTR(TranslationOptions):
    fields = ("summary",)


@register(Commitment)
class CommitmentTR(TranslationOptions):
    fields = ("text",)
