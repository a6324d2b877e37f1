"""Fixtures shared by every app's tests: users in each role, with the organisations they act for, and a headless
Chromium for the browser tests."""

import os
import shutil
from collections.abc import Iterator

import pytest

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.registry.tests.factories import OrganisationFactory


@pytest.fixture
def org(db):
    return OrganisationFactory()


@pytest.fixture
def other_org(db):
    return OrganisationFactory()


@pytest.fixture
def citizen(db):
    return UserFactory(email="citizen@example.org")


@pytest.fixture
def representative(db, org):
    """An NGO representative of `org` (and of nothing else)."""
    user = UserFactory(email="rep@example.org")
    MembershipFactory(user=user, role=Role.REPRESENTATIVE, organisation=org)
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.org")
    MembershipFactory(user=user, role=Role.MODERATOR, organisation=None)
    return user


@pytest.fixture
def operator(db, other_org):
    user = UserFactory(email="operator@example.org")
    MembershipFactory(user=user, role=Role.OPERATOR, organisation=other_org)
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (cached choices and counts must not leak between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request through the test client activates the page's language
    in this thread (LocaleMiddleware) and nothing switches it back, so one English page would leak into the next
    test's messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english(client):
    """Compare messages in English (the msgids): the site's default language is Russian, and a translated string
    would no longer show the text a test looks for. Pages asked through `client` come in English too; e-mails still
    follow each recipient's language. Use with `pytest.mark.usefixtures("english")`."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
