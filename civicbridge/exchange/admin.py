from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from . import models as m


@admin.register(m.TargetGroup)
class TargetGroupAdmin(TranslationAdmin):
    list_display = ("code", "name", "order")


class LinkInline(admin.TabularInline):
    model = m.PracticeLink
    extra = 0


@admin.register(m.Practice)
class PracticeAdmin(TranslationAdmin):
    list_display = ("title", "organisation", "status", "country", "published_at")
    list_filter = ("status", "country", "original_language")
    search_fields = ("title", "organisation__name")
    raw_id_fields = ("organisation", "created_by", "region")
    readonly_fields = ("status", "submitted_at", "published_at")  # status changes go through the workflow
    filter_horizontal = ("themes", "target_groups")
    inlines = [LinkInline]


@admin.register(m.Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    list_display = ("practice", "organisation", "adopted_on", "country", "region")
    list_filter = ("country",)
    raw_id_fields = ("practice", "organisation", "created_by", "region")


@admin.register(m.Listing)
class ListingAdmin(TranslationAdmin):
    list_display = ("title", "organisation", "kind", "status", "cross_border")
    list_filter = ("kind", "status", "cross_border")
    search_fields = ("title", "organisation__name")
    raw_id_fields = ("organisation", "created_by")
    readonly_fields = ("status",)


@admin.register(m.PartnershipRequest)
class PartnershipRequestAdmin(admin.ModelAdmin):
    list_display = ("from_organisation", "to_organisation", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("from_organisation", "to_organisation", "listing", "created_by")
    readonly_fields = ("status", "decided_at")


@admin.register(m.Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ("title", "signed_on", "starts_on", "ends_on")
    raw_id_fields = ("parties", "request", "created_by", "document")
