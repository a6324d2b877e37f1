"""How a stored file appears in the API: its public id, name, kind, size, digest and download address."""

from __future__ import annotations

from rest_framework import serializers

from .models import StoredFile


class StoredFileSerializer(serializers.ModelSerializer):
    """Read-only. Modules nest it for their attachments; uploads go through their own endpoints and store_upload."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(source="safe_name", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = StoredFile
        fields = ["id", "name", "kind", "content_type", "size", "sha256", "purpose", "uploaded_at", "url"]
        read_only_fields = fields

    def get_url(self, obj: StoredFile) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(obj.url) if request else obj.url
