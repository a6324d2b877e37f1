"""/search/: the platform search page. An htmx request (typing, ticking a facet, a page link) gets only the results."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.generic import View

from . import query
from .registration import KIND, LANGUAGE, facets


def filters_from(params) -> dict[str, list[str]]:
    """The facet filters of a query string (?theme=a&theme=b&country=KZ …)."""
    names = [KIND, LANGUAGE, *(facet.name for facet in facets())]
    return {name: params.getlist(name) for name in names if params.getlist(name)}


class SearchView(View):
    template_name = "core/search/search.html"
    partial_template_name = "core/search/_results.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "")
        results = query.search(q, filters=filters_from(request.GET), page=request.GET.get("page"))
        context = {
            "q": q[: query.MAX_QUERY_CHARS],
            "results": results,
            "page_obj": results.page,
            "result_cap": query.RESULT_CAP,
        }
        partial = request.htmx and not request.htmx.history_restore_request
        response = render(request, self.partial_template_name if partial else self.template_name, context)
        patch_vary_headers(response, ["HX-Request"])
        return response
