"""On a phone the wide tables scroll inside a labelled, focusable container instead of pushing the page sideways."""

import re

import pytest
from django.urls import reverse

from civicbridge.appeals.choices import AppealStatus
from civicbridge.appeals.tests.factories import AppealFactory
from civicbridge.registry.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

WRAPPED = re.compile(r'<div class="cb-table-scroll" role="region" tabindex="0" aria-label="[^"]+"><table')


def test_statistics_and_history_tables_scroll_in_a_labelled_region(client):
    appeal = AppealFactory(responsible=OrganisationFactory(), status=AppealStatus.DECLINED)
    stats_page = client.get(reverse("appeals:stats")).content.decode()
    assert stats_page.count("<table") == len(WRAPPED.findall(stats_page)) > 0
    assert "civicbridge/registry.css" in stats_page  # where .cb-table-scroll is styled
    detail = client.get(appeal.get_absolute_url()).content.decode()
    assert detail.count("<table") == len(WRAPPED.findall(detail))


def test_the_status_filter_says_any_status(client):
    page = client.get(reverse("appeals:tracker")).content.decode()
    assert '<option value="" selected>Any status</option>' in page and "---------" not in page
