"""The directory in a real browser (headless Chromium): search as you type, filters, language, keyboard, phone width."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from civicbridge.core.tests.browser import wait_for
from civicbridge.registry.choices import OrganisationKind
from civicbridge.registry.tests.factories import CountryFactory, OrganisationFactory, RussianOrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def results_text(browser) -> str:
    return browser.find_element(By.ID, "organisation-results").text


@pytest.fixture
def alliance(transactional_db):
    return OrganisationFactory(
        name_ru="Гражданский альянс Казахстана",
        name_en="Civil Alliance of Kazakhstan",
        short_name="ГАК",
        kind=OrganisationKind.NETWORK,
    )


def test_search_as_you_type_finds_the_alliance_by_its_abbreviation(page, live_server, alliance):
    OrganisationFactory(name_ru="Общественный фонд «Степь»")
    page.get(f"{live_server.url}/registry/organisations/")
    assert "Общественный фонд «Степь»" in results_text(page)
    search = page.find_element(By.ID, "id_q")
    search.send_keys("гак")
    wait_for(page, lambda b: "Степь" not in results_text(b), "the results did not update while typing")
    assert "Гражданский альянс Казахстана" in results_text(page)
    assert "q=%D0%B3%D0%B0%D0%BA" in page.current_url  # the URL follows the search (shareable, back button)
    assert page.switch_to.active_element == search  # typing was not interrupted: focus stayed in the box
    assert page.find_elements(By.CSS_SELECTOR, "html > body > div > main")  # still the whole page, not a fragment


def test_search_in_capitals_submitted_with_enter(page, live_server, alliance):
    OrganisationFactory(name_ru="Общественный фонд «Степь»")
    page.get(f"{live_server.url}/registry/organisations/")
    page.find_element(By.ID, "id_q").send_keys("АЛЬЯНС", Keys.ENTER)
    wait_for(page, lambda b: "Степь" not in results_text(b), "the search was not applied")
    assert "Гражданский альянс Казахстана" in results_text(page)


def test_filter_by_country(page, live_server, alliance):
    CountryFactory(code="RU", name_ru="Россия", name="Россия")
    RussianOrganisationFactory(name_ru="АНО «Российский партнёр»")
    page.get(f"{live_server.url}/registry/organisations/")
    assert "АНО «Российский партнёр»" in results_text(page)
    Select(page.find_element(By.ID, "id_country")).select_by_value("RU")
    wait_for(page, lambda b: "Гражданский альянс Казахстана" not in results_text(b), "the country filter did nothing")
    assert "АНО «Российский партнёр»" in results_text(page)
    assert "country=RU" in page.current_url


def test_switch_language_to_english(page, live_server, alliance):
    page.get(f"{live_server.url}/registry/organisations/")
    assert page.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
    assert "Civil Alliance of Kazakhstan" not in results_text(page)
    Select(page.find_element(By.ID, "language-select")).select_by_value("en")
    page.find_element(By.CSS_SELECTOR, "#language-switcher button[type=submit]").click()
    wait_for(page, lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "still not English")
    assert page.current_url.endswith("/registry/organisations/")  # the switcher returns to the same page
    assert page.find_element(By.TAG_NAME, "h1").text == "Organisations"
    assert page.find_element(By.CSS_SELECTOR, "label[for=id_country]").text == "Country"
    assert page.find_element(By.CSS_SELECTOR, "#organisation-filters button[type=submit]").text == "Apply filters"
    assert "Civil Alliance of Kazakhstan" in results_text(page)  # content in English too, where it exists


def test_search_box_is_reached_by_keyboard_with_a_visible_focus(page, live_server, alliance):
    page.get(f"{live_server.url}/registry/organisations/")
    body = page.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    first = page.switch_to.active_element
    assert "govuk-skip-link" in first.get_attribute("class")  # the first stop skips the header
    for _ in range(40):
        if page.switch_to.active_element.get_attribute("id") == "id_q":
            break
        page.switch_to.active_element.send_keys(Keys.TAB)
    search = page.switch_to.active_element
    assert search.get_attribute("id") == "id_q", "the search box was not reached with Tab"
    assert search.value_of_css_property("outline-style") != "none"  # GOV.UK's yellow focus outline
    search.send_keys("гак", Keys.ENTER)
    wait_for(page, lambda b: "Гражданский альянс Казахстана" in results_text(b), "no results from the keyboard")


def test_directory_fits_a_phone(page, live_server, alliance):
    for n in range(3):
        OrganisationFactory(name_ru=f"Общественное объединение «Очень длинное название организации номер {n}»")
    page.set_window_size(390, 844)
    inner_width = page.execute_script("return window.innerWidth")
    page.get(f"{live_server.url}/registry/organisations/")
    assert page.execute_script("return document.documentElement.scrollWidth") <= inner_width
    assert page.find_element(By.ID, "id_q").is_displayed()
    # The filters fold away on a phone so the results come first; they open with one tap.
    details = page.find_element(By.ID, "filter-details")
    assert details.get_attribute("open") is None
    details.find_element(By.TAG_NAME, "summary").click()
    wait_for(page, ec.visibility_of_element_located((By.ID, "id_country")), "the filters did not open")
    page.get(f"{live_server.url}{alliance.get_absolute_url()}")
    assert page.execute_script("return document.documentElement.scrollWidth") <= inner_width
