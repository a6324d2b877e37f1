"""Which grants fields have ru/kk/en versions: what the operator publishes. Applications stay in their own language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Call, Criterion, DurationTerm, Programme, RequiredDocument, SizeBand


@register(Programme)
class ProgrammeTR(TranslationOptions):
    fields = ("name", "description", "priorities")


@register(Call)
class CallTR(TranslationOptions):
    fields = ("name", "description", "priorities")


@register(SizeBand)
class SizeBandTR(TranslationOptions):
    fields = ("name",)


@register(DurationTerm)
class DurationTermTR(TranslationOptions):
    fields = ("name",)


@register(Criterion)
class CriterionTR(TranslationOptions):
    fields = ("name", "descriptors")


@register(RequiredDocument)
class RequiredDocumentTR(TranslationOptions):
    fields = ("name",)
