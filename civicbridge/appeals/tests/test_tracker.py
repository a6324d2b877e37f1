"""The public tracker: the list with its filters and capped count, and an issue's page with its history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civicbridge.appeals.choices import AppealStatus, HideReason
from civicbridge.appeals.selectors import public as selectors
from civicbridge.appeals.tests.factories import AppealFactory, CategoryFactory, TransferFactory
from civicbridge.core.models import TransitionHistory
from civicbridge.registry.tests.factories import OrganisationFactory, RegionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TRACKER = reverse("appeals:tracker")


def test_lists_newest_first_with_what_a_row_shows(client):
    org = OrganisationFactory(name="Akimat of Almaty", name_en="Akimat of Almaty")
    older = AppealFactory(title="Broken street lights")
    newer = AppealFactory(title="No bus to the village", responsible=org)
    AppealFactory._meta.model.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=3))
    text = client.get(TRACKER).content.decode()
    assert text.index("No bus to the village") < text.index("Broken street lights")
    assert "Akimat of Almaty" in text
    assert f"№{newer.pk}" in text
    assert "2 issues found" in text


def test_filters_by_region_status_category_and_responsible(client):
    other_region = RegionFactory(code="KZ-71", name="Astana", name_en="Astana")
    roads = CategoryFactory(code="roads", name="Roads", name_en="Roads")
    org = OrganisationFactory()
    AppealFactory(title="In Almaty, new")
    AppealFactory(title="In Astana, accepted", region=other_region, status=AppealStatus.ACCEPTED, responsible=org)
    AppealFactory(title="Roads in Astana", region=other_region, category=roads)

    def titles(query: str) -> str:
        return client.get(f"{TRACKER}?{query}").content.decode()

    page = titles("region=KZ-71&status=accepted")
    assert "In Astana, accepted" in page and "In Almaty, new" not in page and "Roads in Astana" not in page
    page = titles("category=roads")
    assert "Roads in Astana" in page and "In Almaty, new" not in page
    page = titles(f"responsible={org.pk}")
    assert "In Astana, accepted" in page and "Roads in Astana" not in page


def test_htmx_request_gets_only_the_results(client):
    AppealFactory(title="Water supply")
    response = client.get(TRACKER, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert "Water supply" in text and "<html" not in text


def test_count_is_capped():
    for _ in range(5):
        AppealFactory()
    page = selectors.CappedPaginator(selectors.tracker(), 2, cap=3).get_page(1)
    assert page.paginator.count == 3 and page.paginator.capped
    assert page.paginator.num_pages == 2


def test_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    for _ in range(25):
        AppealFactory(responsible=OrganisationFactory())
    with django_assert_max_num_queries(12):
        response = client.get(f"{TRACKER}?region=KZ-75&status=new")
    assert response.status_code == 200


def test_merged_issue_points_to_the_main_one(client):
    main = AppealFactory(title="Main issue")
    duplicate = AppealFactory(title="Same thing", status=AppealStatus.DECLINED, merged_into=main)
    text = client.get(TRACKER).content.decode()
    assert "Same thing" in text and f"/appeals/{main.pk}/" in text
    page = client.get(reverse("appeals:detail", args=[duplicate.pk])).content.decode()
    assert f"merged into issue №{main.pk}" in page
    main_page = client.get(reverse("appeals:detail", args=[main.pk])).content.decode()
    assert "Issues merged into this one" in main_page and "Same thing" in main_page


def test_detail_shows_answer_history_transfers_and_overdue(client):
    first = OrganisationFactory(name="District office", name_en="District office")
    second = OrganisationFactory(name="Regional roads department", name_en="Regional roads department")
    appeal = AppealFactory(
        title="Potholes on Abay street",
        text="The road is broken.",
        status=AppealStatus.ANSWERED,
        answer="Repairs are planned for May.",
        answered_at=timezone.now(),
        answered_by_organisation=second,
        responsible=second,
    )
    TransferFactory(appeal=appeal, from_organisation=None, to_organisation=first)
    TransferFactory(appeal=appeal, from_organisation=first, to_organisation=second, reason="Roads are regional.")
    from django.contrib.contenttypes.models import ContentType

    TransitionHistory.objects.create(
        content_type=ContentType.objects.get_for_model(appeal),
        object_id=appeal.pk,
        action="answer",
        source="in_progress",
        target="answered",
        actor_repr="Official Ivanov",
    )
    overdue = AppealFactory(responsible=first, due_at=timezone.now() - timedelta(days=1))
    text = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    for expected in (
        "Potholes on Abay street",
        "The road is broken.",
        "Repairs are planned for May.",
        "Passed on from District office to Regional roads department",
        "Roads are regional.",
        "Status: answered",
    ):
        assert expected in text
    assert "Official Ivanov" not in text  # staff names are not shown publicly
    assert "overdue" in client.get(reverse("appeals:detail", args=[overdue.pk])).content.decode()


def test_public_text_replaces_the_citizens_text(client):
    appeal = AppealFactory(text="Call me at my flat 12, Ivan", public_text="Please fix the lift in our building.")
    text = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert "Please fix the lift" in text and "flat 12" not in text


def test_hidden_issue_says_why_and_shows_no_words(client, moderator):
    appeal = AppealFactory(
        title="Insulting title",
        text="Insulting text",
        answer="",
        hidden_at=timezone.now(),
        hidden_reason=HideReason.ABUSIVE,
        hidden_by=moderator,
    )
    for url in (TRACKER, reverse("appeals:detail", args=[appeal.pk])):
        text = client.get(url).content.decode()
        assert "Insulting" not in text
        assert "Hidden by a moderator" in text and "abusive content" in text


def test_detail_queries_are_bounded(client, django_assert_max_num_queries):
    appeal = AppealFactory(responsible=OrganisationFactory())
    for _ in range(5):
        TransferFactory(appeal=appeal, from_organisation=OrganisationFactory())
    with django_assert_max_num_queries(14):
        assert client.get(reverse("appeals:detail", args=[appeal.pk])).status_code == 200


def test_unknown_issue_is_not_found(client):
    assert client.get(reverse("appeals:detail", args=[999999])).status_code == 404


def test_signed_in_viewers_get_their_links(client, citizen, moderator):
    appeal = AppealFactory(author=citizen)
    url = reverse("appeals:detail", args=[appeal.pk])
    anonymous_page = client.get(url).content.decode()
    assert reverse("appeals:manage", args=[appeal.pk]) not in anonymous_page
    client.force_login(citizen)
    page = client.get(url).content.decode()
    assert reverse("appeals:manage", args=[appeal.pk]) in page  # the author follows their own issue
    assert reverse("appeals:support", args=[appeal.pk]) in page
    assert reverse("appeals:moderate", args=[appeal.pk]) not in page
    client.force_login(moderator)
    assert reverse("appeals:moderate", args=[appeal.pk]) in client.get(url).content.decode()
    assert reverse("appeals:intake") in client.get(TRACKER).content.decode()


def test_a_reopened_issue_shows_its_earlier_answer_as_not_resolving_it(client):
    body = OrganisationFactory(name_en="Akimat of Pavlodar Region")
    reopened = AppealFactory(
        status=AppealStatus.IN_PROGRESS,
        responsible=body,
        answer="The pipe was replaced.",
        answered_by_organisation=body,
        answered_at=None,
        reopened_count=1,
    )
    page = client.get(reopened.get_absolute_url()).content.decode()
    assert "The pipe was replaced." in page
    assert "An earlier answer by Akimat of Pavlodar Region" in page and " on ." not in page
