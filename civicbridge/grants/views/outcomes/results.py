"""Public outcome pages: results of every published call, one call's results, the open-data export."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import View

from civicbridge.core.pagination import page_of

from ...choices import CallStatus
from ...forms.outcomes import (
    ResultsFilterForm,
)
from ...models import Call
from ...selectors import results as res
from .common import PER_PAGE


def _results_filter(request: HttpRequest) -> tuple[ResultsFilterForm, dict[str, Any]]:
    form = ResultsFilterForm(request.GET or None, choices=res.filter_choices())
    return form, (form.filters() if request.GET else {})


class ResultsView(View):
    """Winners of every call whose results are published: filters, pages, and the open-data downloads."""

    template_name = "grants/outcomes/results.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form, filters = _results_filter(request)
        queryset = res.filter_winners(res.winners(), **filters)
        context = {
            "filter_form": form,
            "page_obj": page_of(request, queryset, PER_PAGE),
            "fields": res.OPEN_DATA_FIELDS,
            "query": request.GET.urlencode(),
        }
        return render(request, self.template_name, context)


class CallResultsView(View):
    """One call's results: winners per band with amounts, regions, themes and scores (a preview for its runners)."""

    template_name = "grants/outcomes/call_results.html"

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        call = get_object_or_404(Call.objects.select_related("programme__funder"), code=code)
        if not request.user.has_perm("grants.view_results", call):
            raise Http404(_("The results of this call are not published."))
        published = call.status == CallStatus.RESULTS_PUBLISHED
        groups = res.call_results(call, published_only=published)
        context = {
            "call": call,
            "groups": groups,
            "published": published,
            "total": sum((g["total"] for g in groups), 0),
            "count": sum(len(g["winners"]) for g in groups),
        }
        return render(request, self.template_name, context)


class _Echo:
    """A file-like object whose write returns the line, for csv.writer feeding a streaming response."""

    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text: a title such as "=HYPERLINK(…)" must not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    names = [field.name for field in res.OPEN_DATA_FIELDS]
    writer = csv.writer(_Echo())
    yield writer.writerow(names)
    for row in rows:
        yield writer.writerow(
            [_cell("; ".join(row[n]) if n == "themes" else ("" if row[n] is None else row[n])) for n in names]
        )


def _json_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


class ResultsExportView(View):
    """The winners as open data, CSV or JSON, streamed row by row with the same filters as the results page."""

    def get(self, request: HttpRequest, fmt: str) -> StreamingHttpResponse:
        if fmt not in ("csv", "json"):
            raise Http404(_("Choose csv or json."))
        _form, filters = _results_filter(request)
        rows = res.open_data_rows(res.filter_winners(res.winners(), **filters))
        stamp = timezone.localdate().isoformat()
        if fmt == "csv":
            response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
        else:
            response = StreamingHttpResponse(_json_lines(rows), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="grant-results-{stamp}.{fmt}"'
        return response
