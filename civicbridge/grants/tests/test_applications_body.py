"""The application body include: every part shown, in a fixed number of queries, never reviews or experts."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from civicbridge.grants.selectors.applications import application_detail

from .factories import ApplicationFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_body_shows_the_parts_and_never_reviews(django_assert_max_num_queries):
    application = ApplicationFactory()
    review = ReviewFactory(application=application)
    obj = application_detail().get(pk=application.pk)
    with django_assert_max_num_queries(12):
        html = render_to_string("grants/applications/_body.html", {"application": obj})
    assert application.title in html
    assert "Вожатые" in html and "Смена 1" in html and "Дети, прошедшие смены" in html
    assert str(review.expert.email) not in html and review.expert.get_full_name() not in html
