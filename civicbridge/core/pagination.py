"""One page of a list for every HTML view (the API has its own pagination class in core/api.py)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 20


def page_of(request: HttpRequest, items, per_page: int = PER_PAGE, param: str = "page") -> Page:
    """The page the request asks for (`?page=`); a number out of range shows the last page rather than an error."""
    return Paginator(items, per_page).get_page(request.GET.get(param))
