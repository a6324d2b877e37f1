"""Which exchange fields have ru/kk/en versions: what the public reads. The author's language is `original_language`."""

from modeltranslation.translator import TranslationOptions, register

from .models import Listing, Practice, TargetGroup


@register(TargetGroup)
class TargetGroupTR(TranslationOptions):
    fields = ("name",)


@register(Practice)
class PracticeTR(TranslationOptions):
    fields = ("title", "problem", "solution", "steps", "resources", "results")


@register(Listing)
class ListingTR(TranslationOptions):
    fields = ("title", "description")
