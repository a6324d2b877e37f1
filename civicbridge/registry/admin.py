from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from .models import LegalForm, NetworkMembership, Organisation, Person, Position, Theme, Unit


class UnitInline(TranslationTabularInline):
    model = Unit
    extra = 0
    fk_name = "organisation"
    fields = ("name", "short_name", "kind", "parent", "order")


class MemberInline(admin.TabularInline):
    model = NetworkMembership
    fk_name = "network"
    extra = 0
    autocomplete_fields = ("member",)


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    list_display = ("name", "short_name", "kind", "country", "region", "bin", "inn", "status")
    list_filter = ("kind", "country", "status")
    search_fields = ("search_text",)
    list_select_related = ("country", "region")
    autocomplete_fields = ("themes",)
    readonly_fields = ("created_at", "updated_at")
    inlines = [UnitInline, MemberInline]


class PositionInline(TranslationTabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ("organisation",)
    fields = ("title", "organisation", "unit", "start_date", "end_date")


@admin.register(Person)
class PersonAdmin(TabbedTranslationAdmin):
    list_display = ("full_name", "contacts_public_since")
    search_fields = ("search_text",)
    inlines = [PositionInline]


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ("code", "name", "order")
    search_fields = ("code", "name_ru", "name_en")


@admin.register(LegalForm)
class LegalFormAdmin(TabbedTranslationAdmin):
    list_display = ("code", "name", "abbreviation", "country")
    list_filter = ("country",)
