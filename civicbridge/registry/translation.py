"""Which registry fields have ru/kk/en versions (django-modeltranslation: one indexed column per language)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Country, LegalForm, Organisation, Person, Position, Region, Theme, Unit


@register(Country)
class CountryTR(TranslationOptions):
    fields = ("name",)


@register(Region)
class RegionTR(TranslationOptions):
    fields = ("name",)


@register(Theme)
class ThemeTR(TranslationOptions):
    fields = ("name", "description")


@register(LegalForm)
class LegalFormTR(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTR(TranslationOptions):
    fields = ("name", "description")


@register(Unit)
class UnitTR(TranslationOptions):
    fields = ("name",)


@register(Person)
class PersonTR(TranslationOptions):
    fields = ("full_name", "bio")


@register(Position)
class PositionTR(TranslationOptions):
    fields = ("title",)
