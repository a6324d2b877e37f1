"""Reviews: the expert's queue, one review with its application and rubric, and the marks an expert writes."""

from __future__ import annotations

from rest_framework import serializers

from ... import models as m
from ...choices import ReviewStatus
from .applications import ApplicationDetailSerializer
from .base import status_field
from .calls import CriterionSerializer


class ScoreSerializer(serializers.ModelSerializer):
    """The mark given to one criterion, with the expert's comment."""

    criterion = serializers.PrimaryKeyRelatedField(queryset=m.Criterion.objects.all())

    class Meta:
        model = m.Score
        fields = ["criterion", "value", "comment"]


class ReviewSerializer(serializers.ModelSerializer):
    """A review as the expert's queue shows it."""

    application_title = serializers.CharField(source="application.title", read_only=True)
    receipt_number = serializers.CharField(source="application.receipt_number", read_only=True, allow_null=True)
    call = serializers.CharField(source="application.call.code", read_only=True)
    call_name = serializers.CharField(source="application.call.name", read_only=True)
    status = status_field(ReviewStatus)

    class Meta:
        model = m.Review
        fields = [
            "id",
            "expert",
            "application",
            "application_title",
            "receipt_number",
            "call",
            "call_name",
            "status",
            "is_extra",
            "due_at",
            "submitted_at",
            "total",
        ]
        read_only_fields = fields


class ReviewDetailSerializer(ReviewSerializer):
    """One review: the application it is about, the call's rubric and this review's own marks (never another's)."""

    application_detail = ApplicationDetailSerializer(source="application", read_only=True)
    criteria = CriterionSerializer(source="application.call.criteria", many=True, read_only=True)
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta(ReviewSerializer.Meta):
        fields = [*ReviewSerializer.Meta.fields, "comment", "criteria", "scores", "application_detail"]
        read_only_fields = fields


class ReviewWriteSerializer(serializers.Serializer):
    """The marks of a review in progress: every criterion may be given at once or a few at a time."""

    scores = ScoreSerializer(many=True, required=False)
    comment = serializers.CharField(required=False, allow_blank=True)
