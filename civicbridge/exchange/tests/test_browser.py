"""The exchange in a real browser (headless Chromium): a practice is written, moderated, published, adopted across
the border, then found by the platform search — by the three people who do it."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory
from civicbridge.core.tests.browser import click_button, main_text, sign_in_as, wait_for
from civicbridge.exchange.choices import PracticeStatus
from civicbridge.exchange.models import Adoption, Practice
from civicbridge.registry.tests.factories import CountryFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(page, name: str, value: str) -> None:
    element = page.find_element(By.NAME, name)
    if element.get_attribute("type") == "date":  # typing into a date input depends on the browser's locale
        page.execute_script("arguments[0].value = arguments[1];", element, value)
        return
    element.clear()
    element.send_keys(value)


def test_write_moderate_adopt_across_the_border_and_find(page, live_server):
    # Factories, not the seeded rows: a transactional test before this one may have flushed the reference data.
    kazakhstan = CountryFactory(code="KZ", name_ru="Казахстан", name_en="Kazakhstan")
    russia = CountryFactory(code="RU", name_ru="Россия", name_en="Russia")
    author_org = OrganisationFactory(country=kazakhstan, name_ru="Фонд «Бірге»")
    adopter_org = OrganisationFactory(country=russia, name_ru="АНО «Омск вместе»", bin="")
    author = MembershipFactory(role=Role.REPRESENTATIVE, organisation=author_org, user__language="en").user
    adopter = MembershipFactory(role=Role.REPRESENTATIVE, organisation=adopter_org, user__language="en").user
    moderator = MembershipFactory(role=Role.MODERATOR, organisation=None, user__language="en").user

    # 1. The author writes the practice in Russian and sends it for moderation.
    sign_in_as(page, author)
    page.get(f"{live_server.url}/exchange/practices/new/")
    Select(page.find_element(By.NAME, "original_language")).select_by_value("ru")
    Select(page.find_element(By.NAME, "country")).select_by_value("KZ")
    fill(page, "title_ru", "Инклюзивные смены в сельском лагере")
    fill(page, "problem_ru", "Дети с инвалидностью в сёлах не ездят в лагеря.")
    fill(page, "solution_ru", "Смешанные смены с обученными волонтёрами-вожатыми.")
    click_button(page, "Save as a draft")
    wait_for(page, lambda b: Practice.objects.filter(organisation=author_org).exists(), "the draft was not saved")
    practice = Practice.objects.get(organisation=author_org)
    page.get(f"{live_server.url}/exchange/practices/{practice.pk}/")
    click_button(page, "Send for moderation")
    wait_for(
        page,
        lambda b: Practice.objects.get(pk=practice.pk).status == PracticeStatus.SUBMITTED,
        "the practice was not sent for moderation",
    )
    page.delete_all_cookies()

    # 2. The moderator finds it in the queue and publishes it.
    sign_in_as(page, moderator)
    page.get(f"{live_server.url}/exchange/practices/moderation/")
    page.find_element(By.PARTIAL_LINK_TEXT, "Инклюзивные смены").click()
    wait_for(page, lambda b: b.current_url.endswith(f"/exchange/practices/{practice.pk}/"), "the practice did not open")
    click_button(page, "Publish")
    wait_for(
        page,
        lambda b: Practice.objects.get(pk=practice.pk).status == PracticeStatus.PUBLISHED,
        "the practice was not published",
    )
    page.delete_all_cookies()

    # 3. An Omsk NGO records that it adopted the practice; the page shows the spread across the border.
    sign_in_as(page, adopter)
    page.get(f"{live_server.url}/exchange/practices/{practice.pk}/")
    fill(page, "adopted_on", "2026-06-01")
    Select(page.find_element(By.CSS_SELECTOR, "#adopt select[name='country']")).select_by_value("RU")
    fill(page, "place", "Омск")
    click_button(page, "Record the adoption")
    wait_for(page, lambda b: Adoption.objects.filter(practice=practice).exists(), "the adoption was not recorded")
    wait_for(page, lambda b: "Adopted 1 time" in main_text(b), "the spread is not shown")
    assert "Омск" in main_text(page)

    # 4. Anyone finds it from the header's search box, by another form of the word (Russian morphology).
    page.delete_all_cookies()
    page.get(f"{live_server.url}/")
    box = page.find_element(By.CSS_SELECTOR, "header input[name='q'], .cb-header-search input[name='q']")
    box.send_keys("инклюзивная смена", Keys.ENTER)
    wait_for(page, lambda b: "/search/" in b.current_url, "the search page did not open")
    wait_for(page, lambda b: "Инклюзивные смены в сельском лагере" in main_text(b), "the search did not find it")
