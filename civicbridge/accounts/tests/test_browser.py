"""Signing in through the form in a real browser (headless Chromium), by keyboard only."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.core.tests.browser import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple 42"  # noqa: S105 -- a test account's password


def test_sign_in_with_the_keyboard_and_out_again(page, live_server):
    user = UserFactory()
    user.set_password(PASSWORD)
    user.save()
    page.get(f"{live_server.url}/accounts/login/")
    assert page.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"  # the default language
    page.find_element(By.NAME, "username").send_keys(user.email)
    page.find_element(By.NAME, "password").send_keys(PASSWORD, Keys.ENTER)
    wait_for(page, lambda b: "/accounts/login/" not in b.current_url, "sign-in did not finish")
    sign_out = page.find_element(By.CSS_SELECTOR, "form[action$='/logout/'] button")
    sign_out.click()
    signed_out = "form[action$='/logout/']"
    wait_for(page, lambda b: not b.find_elements(By.CSS_SELECTOR, signed_out), "sign-out did not finish")
