"""A citizen's contact and name never appear on public pages, in the public API, in Open311 or in search results.

Each test seeds distinctive contacts and names and looks for them everywhere the public can read an issue.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.appeals.tests.factories import AppealFactory

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.usefixtures("english")]

SECRETS = ("zhanar.secret@example.kz", "+7 701 555 12 34", "Zhanar Secretova", "Sekretov-Author")


@pytest.fixture
def appeals():
    author = UserFactory(email="author.hidden@example.kz", full_name="Sekretov-Author")
    named = AppealFactory(
        title="Water in the village",
        text="The well dried up.",
        author=author,
        public_name="Zh.",
        contact_name="Zhanar Secretova",
        contact_email="zhanar.secret@example.kz",
        contact_phone="+7 701 555 12 34",
        contact_consent_at=timezone.now(),
    )
    anonymous = AppealFactory(
        title="Lights on Abay street",
        text="Lights are off.",
        author=author,
        is_anonymous=True,
        contact_name="Zhanar Secretova",
        contact_email="zhanar.secret@example.kz",
        contact_phone="+7 701 555 12 34",
        contact_consent_at=timezone.now(),
    )
    return named, anonymous


def _assert_clean(text: str) -> None:
    for secret in (*SECRETS, "author.hidden@example.kz"):
        assert secret not in text


def test_tracker_and_pages(client, appeals):
    named, anonymous = appeals
    _assert_clean(client.get(reverse("appeals:tracker")).content.decode())
    named_page = client.get(reverse("appeals:detail", args=[named.pk])).content.decode()
    _assert_clean(named_page)
    assert "Zh." in named_page  # the name the citizen chose to show
    anonymous_page = client.get(reverse("appeals:detail", args=[anonymous.pk])).content.decode()
    _assert_clean(anonymous_page)
    assert "a citizen (name not shown)" in anonymous_page


def test_statistics_page(client, appeals):
    _assert_clean(client.get(reverse("appeals:stats")).content.decode())


def test_api_and_open311(client, appeals):
    named, anonymous = appeals
    for url in (
        "/api/v1/appeals/",
        f"/api/v1/appeals/{named.pk}/",
        f"/api/v1/appeals/{anonymous.pk}/",
        "/api/v1/open311/requests.json",
        f"/api/v1/open311/requests/{named.pk}.json",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_clean(response.content.decode())
    assert client.get(f"/api/v1/appeals/{anonymous.pk}/").json()["public_name"] == ""


def test_search_document_has_no_contacts(appeals):
    from civicbridge.appeals.search import appeal_document

    for appeal in appeals:
        document = appeal_document(appeal)
        _assert_clean(repr(document))


def test_search_results(client, appeals):
    from civicbridge.core.search.indexing import index_objects

    index_objects(type(appeals[0]), [appeal.pk for appeal in appeals])
    for query in ("Secretova", "zhanar", "village"):
        _assert_clean(client.get("/search/", {"q": query}).content.decode())
    assert "Water in the village" in client.get("/search/", {"q": "village"}).content.decode()
