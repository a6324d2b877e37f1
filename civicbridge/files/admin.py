from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import StoredFile
from .policy import human_size


@admin.register(StoredFile)
class StoredFileAdmin(admin.ModelAdmin):
    """Read-only: files are stored, attached and deleted through the services, which keep blob and row together."""

    list_display = (
        "safe_name",
        "kind",
        "shown_size",
        "content_type",
        "owner_shown",
        "purpose",
        "uploaded_by",
        "uploaded_at",
    )
    list_filter = ("kind", "purpose", "owner_type")
    search_fields = ("safe_name", "original_name", "sha256", "=public_id")
    date_hierarchy = "uploaded_at"
    list_select_related = ("owner_type", "uploaded_by")
    readonly_fields = ("download",)
    exclude = ("file",)

    @admin.display(description=_("size"), ordering="size")
    def shown_size(self, obj: StoredFile) -> str:
        return human_size(obj.size)

    @admin.display(description=_("owner"), ordering="owner_type")
    def owner_shown(self, obj: StoredFile) -> str:
        # Type and id, not the record itself: fetching each owner would cost a query per row.
        return f"{obj.owner_type.name} #{obj.owner_id}" if obj.owner_type_id else "—"

    @admin.display(description=_("download"))
    def download(self, obj: StoredFile) -> str:
        return format_html('<a href="{}">{}</a>', obj.url, obj.safe_name)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
