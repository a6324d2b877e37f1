"""Which appeals fields have ru/kk/en versions: the category names (issues stay in the citizen's language)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Category


@register(Category)
class CategoryTR(TranslationOptions):
    fields = ("name",)
