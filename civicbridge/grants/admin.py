"""Admin for state support: a back office view of every record; the real work goes through the pages and services."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from . import models as m


class SizeBandInline(TranslationTabularInline):
    model = m.SizeBand
    extra = 0


class DurationTermInline(TranslationTabularInline):
    model = m.DurationTerm
    extra = 0


class CriterionInline(TranslationTabularInline):
    model = m.Criterion
    extra = 0


class RequiredDocumentInline(TranslationTabularInline):
    model = m.RequiredDocument
    extra = 0


@admin.register(m.Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ["name", "funder", "instrument", "level", "currency", "budget", "is_active"]
    list_filter = ["instrument", "level", "currency", "is_active"]
    search_fields = ["name_ru", "name_kk", "name_en"]
    autocomplete_fields = ["funder", "operator", "themes"]


@admin.register(m.Call)
class CallAdmin(TranslationAdmin):
    list_display = ["code", "name", "programme", "status", "opens_at", "closes_at", "budget"]
    list_filter = ["status"]
    search_fields = ["code", "name_ru", "name_kk", "name_en"]
    readonly_fields = ["status", "results_published_at"]
    inlines = [SizeBandInline, DurationTermInline, CriterionInline, RequiredDocumentInline]


@admin.register(m.Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["receipt_number", "title", "organisation", "call", "status", "requested_amount", "score"]
    list_filter = ["status", "call"]
    search_fields = ["receipt_number", "title"]
    raw_id_fields = ["organisation", "call", "created_by", "region", "band"]
    readonly_fields = ["status", "receipt_number", "submitted_at", "snapshot", "score", "review_count"]
    list_select_related = ["organisation", "call"]


@admin.register(m.ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "max_load", "is_active"]
    raw_id_fields = ["user"]
    filter_horizontal = ["themes", "regions"]


@admin.register(m.Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["application", "expert", "status", "total", "due_at"]
    list_filter = ["status"]
    raw_id_fields = ["application", "expert"]
    readonly_fields = ["status", "total", "submitted_at"]


@admin.register(m.Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["application", "outcome", "amount", "protocol_number", "decided_on"]
    list_filter = ["outcome"]
    raw_id_fields = ["application", "decided_by"]


@admin.register(m.Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["number", "application", "amount", "status", "rating"]
    list_filter = ["status", "rating"]
    raw_id_fields = ["application"]
    readonly_fields = ["status"]


@admin.register(m.Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["agreement", "kind", "title", "due_on", "status"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["agreement"]
    readonly_fields = ["status"]
