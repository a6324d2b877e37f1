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


def wait_for(browser, condition, message: str, timeout: float = WAIT):
    """Wait until `condition(browser)` is truthy; on timeout fail with `message` and what the page shows.

    A form post or an htmx swap replaces elements while the condition reads them, so a stale element counts as
    "not yet" (a missing one already does). The page is read for the message only after the wait has failed.
    """
    try:
        return WebDriverWait(browser, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(condition)
    except TimeoutException:
        pytest.fail(f"{message} — the page shows: {main_text(browser)[:300]}")
