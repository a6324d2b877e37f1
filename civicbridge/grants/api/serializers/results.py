"""The ranking of a call (for those who run it) and the public results (the open-data fields)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ...selectors.results import OPEN_DATA_FIELDS


class RankedApplicationSerializer(serializers.Serializer):
    """One application in its band's ranking, and where the budget line falls."""

    application = serializers.IntegerField(source="id")
    rank = serializers.IntegerField(allow_null=True, help_text=_("In its band; null until it has a score."))
    receipt_number = serializers.CharField(allow_null=True)
    title = serializers.CharField()
    organisation_name = serializers.CharField(help_text=_("The applicant's name."))
    status = serializers.CharField()
    score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    min_total = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, help_text=_("The lowest single review total (tie-break).")
    )
    review_count = serializers.IntegerField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    requested = serializers.DecimalField(max_digits=16, decimal_places=2)
    passes = serializers.BooleanField(help_text=_("At or above the band's pass mark."))
    funded = serializers.BooleanField(help_text=_("Above the budget line in the cut-off simulation."))
    cumulative = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, help_text=_("Funded total up to and including this one.")
    )


class RankedBandSerializer(serializers.Serializer):
    """One band's ranking (scored applications in order) and the applications still without a score."""

    band = serializers.IntegerField(source="band.pk", allow_null=True, default=None)
    name = serializers.CharField(source="band.name", allow_null=True, default=None)
    pass_mark = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    passing = serializers.IntegerField()
    funded_amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    applications = RankedApplicationSerializer(source="rows", many=True)
    unscored = RankedApplicationSerializer(many=True)


class RankingSerializer(serializers.Serializer):
    """A call's ranking per band and the budget cut-off simulation (order: score, lowest review total, earlier
    submission, lower id; passing applications funded in that order until one does not fit)."""

    call = serializers.CharField(source="call.code")
    currency = serializers.CharField(source="call.programme.currency")
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)
    funded_total = serializers.DecimalField(max_digits=16, decimal_places=2)
    remaining = serializers.DecimalField(max_digits=16, decimal_places=2)
    line_after = serializers.IntegerField(allow_null=True, help_text=_("The last application funded."))
    first_below = serializers.IntegerField(allow_null=True, help_text=_("The first passing one that did not fit."))
    bands = RankedBandSerializer(many=True)


class BudgetParameterSerializer(serializers.Serializer):
    budget = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0, required=False)


class ResultSerializer(serializers.Serializer):
    """One winner of a call whose results are published: the fields of the open-data export (CSV/JSON)."""

    call_code = serializers.CharField()
    call_name = serializers.CharField()
    programme = serializers.CharField()
    funder = serializers.CharField()
    instrument = serializers.CharField()
    level = serializers.CharField()
    results_published_at = serializers.CharField(allow_null=True)
    receipt_number = serializers.CharField()
    project_title = serializers.CharField()
    organisation = serializers.CharField()
    organisation_id = serializers.IntegerField()
    bin = serializers.CharField(allow_null=True)
    inn = serializers.CharField(allow_null=True)
    country = serializers.CharField()
    region = serializers.CharField(allow_null=True)
    themes = serializers.ListField(child=serializers.CharField())
    band = serializers.CharField(allow_null=True)
    score = serializers.CharField(allow_null=True)
    requested_amount = serializers.CharField()
    awarded_amount = serializers.CharField()
    currency = serializers.CharField()
    protocol_number = serializers.CharField()
    decided_on = serializers.CharField()

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for field in OPEN_DATA_FIELDS:
            fields[field.name].help_text = field.description
        return fields
