"""Fixtures for the registry's tests: a headless Chromium shared by the browser tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest


def _find(env_var: str, names: tuple[str, ...], default: str) -> str | None:
    """A browser binary from an env override, the PATH, or Debian's location; None when absent."""
    candidates = [os.environ.get(env_var, "")] + [shutil.which(name) or "" for name in names] + [default]
    return next((path for path in candidates if path and os.path.exists(path)), None)


@pytest.fixture(scope="session")
def browser(live_server) -> Iterator:
    """One headless Chromium (Debian's chromium + chromedriver) for the whole session.

    Skips only on a developer's machine without Chromium; with CI set, a missing browser fails the run.
    It depends on `live_server` so that it quits first: its keep-alive connections must close while the
    server (and, on SQLite, the shared in-memory database connection) is still up.
    """
    chromium = _find("CHROMIUM_BINARY", ("chromium", "chromium-browser"), "/usr/bin/chromium")
    driver_path = _find("CHROMEDRIVER", ("chromedriver",), "/usr/bin/chromedriver")
    missing = [name for name, path in (("chromium", chromium), ("chromedriver", driver_path)) if path is None]
    if missing:
        message = f"{' and '.join(missing)} not installed (Debian packages: chromium, chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {message}: browser tests must run in CI", pytrace=False)
        pytest.skip(f"headless browser tests skipped: {message}")

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI containers run as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--lang=ru",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "ru"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser, live_server) -> Iterator:
    """The shared browser at desktop size with no cookies left from an earlier test (e.g. the language)."""
    browser.set_window_size(1280, 900)
    browser.get(f"{live_server.url}/healthz")
    browser.delete_all_cookies()
    yield browser
    # Leave the site before the test's data is flushed, so no late request (favicon, htmx) reaches the server.
    browser.get("about:blank")
