from django.contrib import admin

from .models import AuditEntry, Citation, Source, TransitionHistory


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only."""

    list_display = ("at", "actor_repr", "action", "content_type", "object_repr", "request_id")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "actor_repr", "request_id", "object_id")
    date_hierarchy = "at"
    list_select_related = ("content_type",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    fields = ("content_type", "object_id", "quote", "note")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "publisher", "published_on")
    list_filter = ("kind",)
    search_fields = ("title", "url", "publisher")
    inlines = [CitationInline]


@admin.register(TransitionHistory)
class TransitionHistoryAdmin(admin.ModelAdmin):
    """Read-only: status history is written only by core.workflow.transition() and never rewritten."""

    list_display = ("at", "actor_repr", "content_type", "object_id", "action", "source", "target", "request_id")
    list_filter = ("content_type", "action")
    search_fields = ("actor_repr", "request_id", "reason")
    date_hierarchy = "at"
    list_select_related = ("content_type",)
    show_full_result_count = False  # an exact count of a large table on every page costs more than it tells

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
