"""Support ("me too") in a real browser (headless Chromium): the button loads its state by htmx, a click counts
the support and updates the page's count in place, a second click withdraws it."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.appeals.models import Appeal
from civicbridge.appeals.tests.factories import AppealFactory, CategoryFactory
from civicbridge.core.tests.browser import click_button, sign_in_as, wait_for
from civicbridge.registry.tests.factories import CountryFactory, RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def count_shown(page) -> str:
    return page.find_element(By.ID, "supporters-count").text.strip()


def test_support_and_withdraw_in_place(page, live_server):
    kazakhstan = CountryFactory(code="KZ", name_ru="Казахстан", name_en="Kazakhstan", name="Kazakhstan")
    almaty = RegionFactory(code="KZ-75", country=kazakhstan, name="Almaty", name_en="Almaty")
    roads = CategoryFactory(code="roads-s", name="Roads and transport", name_en="Roads and transport")
    appeal = AppealFactory(
        title="Potholes on Abay", text="Deep potholes", country=kazakhstan, region=almaty, category=roads
    )
    citizen = UserFactory(language="en", email="supporter@example.kz")

    sign_in_as(page, citizen)
    page.get(f"{live_server.url}{appeal.get_absolute_url()}")
    wait_for(
        page, lambda b: "Me too: support this issue" in b.find_element(By.TAG_NAME, "main").text, "no support button"
    )
    assert count_shown(page) == "0"
    url_before = page.current_url
    click_button(page, "Me too: support this issue")
    wait_for(
        page, lambda b: "Withdraw my support" in b.find_element(By.TAG_NAME, "main").text, "the click did not count"
    )
    wait_for(page, lambda b: count_shown(b) == "1", "the count on the page did not change")
    assert page.current_url == url_before  # in place, no reload
    assert Appeal.objects.get(pk=appeal.pk).supporters_count == 1

    click_button(page, "Withdraw my support")
    wait_for(page, lambda b: count_shown(b) == "0", "withdrawing did not change the count")
    assert Appeal.objects.get(pk=appeal.pk).supporters_count == 0
