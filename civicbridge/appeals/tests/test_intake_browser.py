"""An issue in a real browser (headless Chromium): a citizen sends it — contacts revealed only with consent, regions
following the country, similar issues offered while typing — the official answers, the citizen says "not resolved"."""

from __future__ import annotations

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.appeals.choices import AppealStatus
from civicbridge.appeals.models import Appeal
from civicbridge.appeals.tests.factories import AppealFactory, CategoryFactory, RoutingRuleFactory
from civicbridge.core.tests.browser import click_button, sign_in_as, wait_for
from civicbridge.registry.tests.factories import CountryFactory, OrganisationFactory, RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(page, name: str, value: str) -> None:
    element = page.find_element(By.NAME, name)
    element.clear()
    element.send_keys(value)


def region_codes(page) -> set[str]:
    return {option.get_attribute("value") for option in Select(page.find_element(By.NAME, "region")).options}


def test_send_answer_and_reopen(page, live_server):
    # Factories, not the seeded rows: a transactional test before this one may have flushed the reference data.
    kazakhstan = CountryFactory(code="KZ", name_ru="Казахстан", name_en="Kazakhstan", name="Kazakhstan")
    russia = CountryFactory(code="RU", name_ru="Россия", name_en="Russia", name="Russia")
    almaty = RegionFactory(code="KZ-75", country=kazakhstan, name="Almaty", name_en="Almaty")
    RegionFactory(code="RU-OMS", country=russia, name="Omsk", name_en="Omsk")
    roads = CategoryFactory(code="roads-b", name="Roads and transport", name_en="Roads and transport")
    akimat = OrganisationFactory(country=kazakhstan, name_ru="Акимат Алматы", name="Акимат Алматы")
    RoutingRuleFactory(category=roads, region=almaty, country=kazakhstan, responsible=akimat)
    AppealFactory(title="Broken streetlights on Abay", text="Streetlights broken", region=almaty, category=roads)
    citizen = UserFactory(language="en", email="aigul@example.kz")
    official = MembershipFactory(role=Role.OFFICIAL, organisation=akimat, user__language="en").user

    # 1. The citizen writes the issue; the contacts appear only once the consent is ticked.
    sign_in_as(page, citizen)
    page.get(f"{live_server.url}{reverse('appeals:intake')}")
    contacts = page.find_element(By.ID, "contact-fields")
    wait_for(page, lambda b: not contacts.is_displayed(), "the contact fields show before the consent")
    page.find_element(By.NAME, "consent").click()
    wait_for(page, lambda b: contacts.is_displayed(), "ticking the consent did not reveal the contact fields")
    Select(page.find_element(By.NAME, "country")).select_by_value("RU")
    wait_for(
        page,
        lambda b: "RU-OMS" in region_codes(b) and "KZ-75" not in region_codes(b),
        "the regions did not follow the country",
    )
    Select(page.find_element(By.NAME, "country")).select_by_value("KZ")
    wait_for(
        page,
        lambda b: "KZ-75" in region_codes(b) and "RU-OMS" not in region_codes(b),
        "the regions did not follow the country back",
    )
    Select(page.find_element(By.NAME, "region")).select_by_value("KZ-75")
    Select(page.find_element(By.NAME, "category")).select_by_value(str(roads.pk))
    fill(page, "text", "The streetlights on Abay are broken, it is dark at night.")
    wait_for(
        page,
        lambda b: "Broken streetlights on Abay" in b.find_element(By.ID, "similar-issues").text,
        "no similar issue was offered while typing",
    )
    fill(page, "title", "Streetlights on Abay")
    fill(page, "contact_email", "aigul@example.kz")
    click_button(page, "Send the issue")
    wait_for(page, lambda b: Appeal.objects.filter(author=citizen).exists(), "the issue was not saved")
    appeal = Appeal.objects.get(author=citizen)
    assert appeal.responsible == akimat and appeal.contact_email == "aigul@example.kz"
    assert appeal.contact_consent_at is not None
    page.delete_all_cookies()

    # 2. The official accepts and answers it.
    sign_in_as(page, official)
    page.get(f"{live_server.url}{reverse('appeals:manage', args=[appeal.pk])}")
    assert "aigul@example.kz" in page.find_element(By.ID, "contacts").text
    click_button(page, "Accept")
    wait_for(page, lambda b: Appeal.objects.get(pk=appeal.pk).status == AppealStatus.ACCEPTED, "not accepted")
    page.find_element(By.ID, "text-answer").send_keys("New lamps are ordered for next week.")
    click_button(page, "Answer")
    wait_for(page, lambda b: Appeal.objects.get(pk=appeal.pk).status == AppealStatus.ANSWERED, "not answered")
    page.delete_all_cookies()

    # 3. The citizen says it is not resolved.
    sign_in_as(page, citizen)
    page.get(f"{live_server.url}{reverse('appeals:manage', args=[appeal.pk])}")
    page.find_element(By.ID, "text-reopen").send_keys("Still dark: no lamps yet.")
    click_button(page, "Not resolved")
    wait_for(page, lambda b: Appeal.objects.get(pk=appeal.pk).reopened_count == 1, "not reopened")
    assert Appeal.objects.get(pk=appeal.pk).status == AppealStatus.IN_PROGRESS
