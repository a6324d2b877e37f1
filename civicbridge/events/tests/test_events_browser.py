"""Registration and check-in in a real browser (headless Chromium): a user registers for an event, answering the
organisers' question, sees the check-in code; the organiser enters it and the participant is checked in."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.tests.browser import click_button, main_text, sign_in_as, wait_for
from civicbridge.events.choices import QuestionKind
from civicbridge.events.models import Registration
from civicbridge.registry.tests.factories import CountryFactory, OrganisationFactory

from .factories import PublishedEventFactory, QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_with_a_question_see_the_code_and_get_checked_in(page, live_server):
    kazakhstan = CountryFactory(code="KZ", name_ru="Казахстан", name_en="Kazakhstan")
    organiser_org = OrganisationFactory(country=kazakhstan, name_ru="ОЮЛ «Гражданский альянс»")
    organiser = MembershipFactory(role=Role.REPRESENTATIVE, organisation=organiser_org, user__language="en").user
    participant = UserFactory(language="en", full_name="Aigerim Saparova")
    event = PublishedEventFactory(
        organisers=[organiser_org], country=kazakhstan, title_ru="Встреча с жителями", title_en="Meeting with citizens"
    )
    QuestionFactory(
        event=event, kind=QuestionKind.CHOICE, options=["Ecology", "Roads"], required=True, text_en="Your topic"
    )

    # 1. The participant registers from the event's page, answering the required question.
    sign_in_as(page, participant)
    page.get(f"{live_server.url}{event.get_absolute_url()}")
    wait_for(page, lambda b: "Your topic" in main_text(b), "the question is not shown")
    page.find_element(By.CSS_SELECTOR, "input[type='radio'][value='Roads']").click()
    click_button(page, "Register")
    wait_for(page, lambda b: Registration.objects.filter(user=participant).exists(), "the registration was not saved")
    registration = Registration.objects.get(user=participant)
    assert registration.answers.get().value == "Roads"
    wait_for(page, lambda b: registration.checkin_code in main_text(b), "the check-in code is not shown")
    assert page.find_element(By.CSS_SELECTOR, "svg.events-qr")
    page.delete_all_cookies()

    # 2. On the day the organiser types the code on the check-in page.
    sign_in_as(page, organiser)
    page.get(f"{live_server.url}/events/{event.pk}/checkin/")
    wait_for(page, lambda b: "Checked in: 0 of 1 confirmed" in main_text(b), "the counts are not shown")
    page.find_element(By.NAME, "code").send_keys(registration.checkin_code)
    click_button(page, "Check in")
    wait_for(page, lambda b: "Checked in: 1 of 1 confirmed" in main_text(b), "the participant was not checked in")
    assert "Aigerim Saparova" in main_text(page)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_event_list_fits_a_phone_screen(page, live_server):
    """At 375 px the list (its menu, long titles, the themes line) does not scroll sideways."""
    from civicbridge.registry.tests.factories import ThemeFactory

    kazakhstan = CountryFactory(code="KZ", name_ru="Казахстан", name_en="Kazakhstan")
    event = PublishedEventFactory(country=kazakhstan, title_ru="Встреча с жителями Восточно-Казахстанской области")
    event.themes.add(
        ThemeFactory(name_ru="Гражданское участие и местное самоуправление"),
        ThemeFactory(name_ru="Социальная поддержка и доступная среда"),
        ThemeFactory(name_ru="Экология"),
    )
    page.set_window_size(375, 800)
    page.get(f"{live_server.url}/events/")
    wait_for(page, lambda b: "Экология" in main_text(b), "the event is not listed")
    width = page.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
