"""Admin of citizens' issues: categories and routing rules are edited here too; issues are read here, changed on the
platform's pages (the status only through the workflow, contacts never shown in lists)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from . import models as m


@admin.register(m.Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ("code", "name", "theme", "response_days", "order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name")


@admin.register(m.RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("id", "category", "theme", "country", "region", "responsible", "priority", "is_active")
    list_filter = ("is_active", "country", "category")
    raw_id_fields = ("responsible", "region", "created_by")


class TransferInline(admin.TabularInline):
    model = m.Transfer
    fk_name = "appeal"
    extra = 0
    can_delete = False
    raw_id_fields = ("from_organisation", "to_organisation", "rule", "actor")
    readonly_fields = ("created_at",)


@admin.register(m.Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "status", "category", "region", "responsible", "due_at", "created_at")
    list_filter = ("status", "channel", "category", "country")
    search_fields = ("=id", "title")
    date_hierarchy = "created_at"
    list_select_related = ("category", "region", "responsible")
    raw_id_fields = (
        "category",
        "theme",
        "country",
        "region",
        "event",
        "responsible",
        "author",
        "recorded_by",
        "answered_by_organisation",
        "merged_into",
        "hidden_by",
    )
    # The status and the dates it sets change only through the workflow's services; the count through "me too".
    readonly_fields = (
        "status",
        "accepted_at",
        "answered_at",
        "reopened_count",
        "supporters_count",
        "contact_consent_at",
        "created_at",
        "updated_at",
    )
    exclude = ("search_text",)
    inlines = [TransferInline]
