"""Helpers shared by the browser tests (headless Chromium; the `browser` and `page` fixtures are in conftest.py)."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 20  # seconds: the machine is shared, and CI machines can be slow; htmx itself answers in milliseconds


def main_text(browser) -> str:
    """The text of the page's <main>, or a placeholder while the page is being replaced."""
    try:
        return browser.find_element(By.TAG_NAME, "main").text
    except WebDriverException:
        return "(no page text)"


def wait_for(browser, condition, message: str, timeout: float = WAIT, refresh: bool = False):
    """Wait until `condition(browser)` is truthy; on timeout fail with `message` and what the page shows.

    A form post or an htmx swap replaces elements while the condition reads them, so a stale element counts as
    "not yet" (a missing one already does). The page is read for the message only after the wait has failed.
    """

    def check(b):
        if condition(b):
            return True
        if refresh:  # the condition depends on the server's next answer (cookies just set): ask again
            b.refresh()
        return False

    try:
        return WebDriverWait(browser, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(check)
    except TimeoutException:
        pytest.fail(f"{message} — the page shows: {main_text(browser)[:300]}")


def sign_in_as(page, user) -> None:
    """Sign the browser in as `user` by its session cookie (the sign-in form has its own browser test); pages come
    in the user's language, as after signing in through the form."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.add_cookie({"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value})
    if user.language:
        page.add_cookie({"name": settings.LANGUAGE_COOKIE_NAME, "value": user.language})
    # Chromium may take the next navigation before it has stored the cookies (a page then came signed out, in the
    # default language): open the home page and wait until it is the user's, signed in, in their language.
    origin = "/".join(page.current_url.split("/")[:3])
    page.get(f"{origin}/")
    language = user.language or settings.LANGUAGE_CODE
    wait_for(
        page,
        lambda b: (
            b.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
            and b.find_elements(By.CSS_SELECTOR, "form[action$='/logout/']")
        ),
        f"the browser did not sign in as {user} in {language}",
        refresh=True,
    )


def click_button(page, text: str) -> None:
    """Press the button (or button-styled link) whose text is exactly `text`."""
    buttons = [b for b in page.find_elements(By.CSS_SELECTOR, "button, a.govuk-button") if b.text.strip() == text]
    assert buttons, f"no button “{text}” on {page.current_url}: {main_text(page)[:300]}"
    page.execute_script("arguments[0].scrollIntoView({block: 'center'});", buttons[0])
    buttons[0].click()
