"""Commitments in a real browser (headless Chromium): the organiser records a commitment of a forum for another
organisation; that organisation's editor starts it and marks it done; the public list shows it done."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory
from civicbridge.core.tests.browser import click_button, main_text, sign_in_as, wait_for
from civicbridge.events.choices import CommitmentStatus
from civicbridge.events.models import Commitment
from civicbridge.registry.tests.factories import CountryFactory, OrganisationFactory

from .test_outcomes_services import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(page, name: str, value: str) -> None:
    element = page.find_element(By.NAME, name)
    if element.get_attribute("type") == "date":  # typing into a date input depends on the browser's locale
        page.execute_script("arguments[0].value = arguments[1];", element, value)
        return
    element.clear()
    element.send_keys(value)


def test_record_a_commitment_then_the_responsible_organisation_completes_it(page, live_server):
    # Factories, not the seeded rows: a transactional test before this one may have flushed the reference data.
    kazakhstan = CountryFactory(code="KZ", name_ru="Казахстан", name_en="Kazakhstan")
    organiser_org = OrganisationFactory(country=kazakhstan, name_ru="ОЮЛ «Альянс»")
    responsible_org = OrganisationFactory(country=kazakhstan, name_ru="Фонд «Бірге»")
    organiser = MembershipFactory(role=Role.REPRESENTATIVE, organisation=organiser_org, user__language="en").user
    responsible = MembershipFactory(role=Role.REPRESENTATIVE, organisation=responsible_org, user__language="en").user
    event = make_event(organiser_org)

    # 1. The organiser records the commitment from the outcomes of the event.
    sign_in_as(page, organiser)
    page.get(f"{live_server.url}/events/{event.pk}/outcome/")
    click_button(page, "Add a resolution or commitment")
    fill(page, "text_ru", "Провести серию вебинаров для сельских НКО")
    fill(page, "responsible", str(responsible_org.pk))
    fill(page, "due_on", (timezone.localdate() + timedelta(days=30)).isoformat())
    click_button(page, "Save")
    wait_for(page, lambda b: Commitment.objects.filter(event=event).exists(), "the commitment was not recorded")
    wait_for(page, lambda b: "Провести серию вебинаров" in main_text(b), "the outcomes do not list it")
    commitment = Commitment.objects.get(event=event)
    page.delete_all_cookies()

    # 2. The responsible organisation's editor starts it, then marks it done.
    sign_in_as(page, responsible)
    page.get(f"{live_server.url}/events/commitments/{commitment.pk}/")
    click_button(page, "Start")
    wait_for(
        page,
        lambda b: Commitment.objects.get(pk=commitment.pk).status == CommitmentStatus.IN_PROGRESS,
        "the commitment was not started",
    )
    wait_for(page, lambda b: "Mark as done" in main_text(b), "no way to mark it done")
    click_button(page, "Mark as done")
    wait_for(
        page,
        lambda b: Commitment.objects.get(pk=commitment.pk).status == CommitmentStatus.DONE,
        "the commitment was not marked done",
    )
    page.delete_all_cookies()

    # 3. Anyone sees it done on the public list of the organisation's commitments.
    page.get(f"{live_server.url}/events/commitments/?responsible={responsible_org.pk}")
    wait_for(page, lambda b: "Провести серию вебинаров" in main_text(b), "the public list does not show it")
    # The page is now in the site's default language: look for the green "done" tag rather than the word.
    assert page.find_elements(By.CSS_SELECTOR, "main table strong.govuk-tag--green")
