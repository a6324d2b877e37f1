"""Applying in a real browser (headless Chromium): start a draft, autosave as you write, check and submit."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory
from civicbridge.core.tests.browser import click_button, sign_in_as, wait_for
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus

from .factories import ApplicationFactory, CallFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_start_a_draft_write_with_autosave_and_submit(page, live_server):
    call = CallFactory(code="kz-browser")
    rep = MembershipFactory(role=Role.REPRESENTATIVE, user__language="en").user
    org = rep.memberships.get().organisation
    sign_in_as(page, rep)

    # Start the draft from the call.
    page.get(f"{live_server.url}/grants/calls/{call.code}/apply/")
    Select(page.find_element(By.ID, "id_organisation")).select_by_value(str(org.pk))
    page.find_element(By.ID, "id_title").send_keys("Лагерь для всех")
    click_button(page, "Start the application")
    wait_for(page, lambda b: "/edit/" in b.current_url, "the draft was not created")
    application = m.Application.objects.get(organisation=org)
    assert application.title == "Лагерь для всех"

    # Autosave: a change is saved without pressing a button, twice in a row (the version follows each save).
    summary = page.find_element(By.ID, "id_summary")
    summary.send_keys("Летний лагерь.")
    page.find_element(By.ID, "id_problem").click()  # leaving the field fires "change"
    wait_for(page, lambda b: "Draft saved" in b.find_element(By.ID, "autosave-status").text, "no autosave")
    application.refresh_from_db()
    assert application.summary == "Летний лагерь." and application.version == 2
    page.find_element(By.ID, "id_problem").send_keys("Негде отдохнуть.")
    summary.click()
    wait_for(page, lambda b: m.Application.objects.get(pk=application.pk).version == 3, "the second autosave failed")
    assert "saved elsewhere" not in page.find_element(By.ID, "autosave-status").text

    # The parts are long to type: give the draft the factory's complete parts, then check and submit in the page.
    m.Application.objects.filter(pk=application.pk).delete()
    complete = ApplicationFactory(call=call, organisation=org)
    page.get(f"{live_server.url}/grants/applications/{complete.pk}/edit/")
    page.find_element(By.NAME, "to_submit").click()
    wait_for(page, lambda b: "/submit/" in b.current_url, "the check page did not open")
    assert not page.find_elements(By.ID, "problems"), page.find_element(By.ID, "problems").text
    page.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for(page, lambda b: b.current_url.endswith(f"/grants/applications/{complete.pk}/"), "not submitted")
    complete.refresh_from_db()
    assert complete.status == ApplicationStatus.SUBMITTED
    assert complete.receipt_number in page.find_element(By.TAG_NAME, "main").text
