"""Duplicates: similar open issues (the same region's first), the htmx fragment, and merging with its rules —
supporters carried over, no chains, no self, nothing half-saved — and the merge page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.appeals.choices import AppealStatus
from civicbridge.appeals.models import Appeal, Supporter
from civicbridge.appeals.selectors.duplicates import similar_open
from civicbridge.appeals.services.duplicates import appeal_merge
from civicbridge.core.models import TransitionHistory
from civicbridge.core.text import search_blob
from civicbridge.registry.tests.factories import RegionFactory

from .factories import AppealFactory, CategoryFactory, SupporterFactory, person_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

POTHOLES = "Ямы на дороге по улице Абая", "Дорога на улице Абая разбита, ямы глубокие, нужен ремонт дороги."
LIGHTS = "Не работает уличное освещение", "Фонари в микрорайоне не горят уже месяц, вечером темно."


def issue(title: str, text: str, **fields) -> Appeal:
    return AppealFactory(title=title, text=text, search_text=search_blob([title, text]), **fields)


@pytest.fixture
def coordinator(org):
    return person_of(org, Role.COORDINATOR)


class TestSimilar:
    def test_finds_the_same_words_in_other_forms(self):
        pothole = issue(*POTHOLES)
        issue(*LIGHTS, region=pothole.region, country=pothole.country)
        found = similar_open("Яма на дорогах улицы Абая, требуется ремонт", region=pothole.region)
        assert [item.appeal for item in found] == [pothole]
        assert found[0].same_region and 0 < found[0].score <= 1.05

    def test_same_region_first_then_others_of_the_category(self):
        category = CategoryFactory()
        here = issue(*POTHOLES, category=category)
        other_region = RegionFactory(code="KZ-71", name="Астана", name_ru="Астана", country=here.country)
        elsewhere = issue(*POTHOLES, category=category, region=other_region)
        found = similar_open(" ".join(POTHOLES), region=here.region, category=category)
        assert [item.appeal for item in found] == [here, elsewhere]
        assert [item.same_region for item in found] == [True, False]

    def test_leaves_out_closed_merged_and_hidden_issues(self):
        region = RegionFactory()
        open_one = issue(*POTHOLES, region=region, country=region.country)
        issue(*POTHOLES, region=region, country=region.country, status=AppealStatus.DECLINED)
        issue(*POTHOLES, region=region, country=region.country, status=AppealStatus.DECLINED, merged_into=open_one)
        issue(*POTHOLES, region=region, country=region.country, hidden_at=timezone.now(), hidden_reason="abusive")
        issue(
            *POTHOLES, region=region, country=region.country, status=AppealStatus.ANSWERED, answered_at=timezone.now()
        )
        found = similar_open(" ".join(POTHOLES), region=region)
        assert [item.appeal for item in found] == [open_one]
        assert similar_open(" ".join(POTHOLES), region=region, exclude=open_one.pk) == []

    def test_one_word_in_common_is_not_enough(self):
        region = RegionFactory()
        issue(*LIGHTS, region=region, country=region.country)
        assert similar_open("Ремонт дороги во дворе, ямы", region=region) == []
        assert similar_open("", region=region) == []
        assert similar_open("улица", region=region) == []

    def test_at_most_limit_newest_best(self):
        region = RegionFactory()
        made = [issue(*POTHOLES, region=region, country=region.country) for _n in range(7)]
        found = similar_open(" ".join(POTHOLES), region=region, limit=5)
        assert [item.appeal.pk for item in found] == [a.pk for a in reversed(made)][:5]

    def test_fragment_lists_links_and_the_hint(self, client, django_assert_max_num_queries):
        pothole = issue(*POTHOLES)
        url = reverse("appeals:similar")
        with django_assert_max_num_queries(3):
            response = client.get(url, {"title": POTHOLES[0], "text": POTHOLES[1], "region": pothole.region_id})
        html = response.content.decode()
        assert response.status_code == 200
        assert pothole.get_absolute_url() in html and "support it instead" in html

    def test_fragment_ignores_unknown_ids_and_is_empty_without_matches(self, client):
        issue(*POTHOLES)
        response = client.get(reverse("appeals:similar"), {"text": LIGHTS[1], "region": "XX-NOPE", "category": "x"})
        assert response.status_code == 200 and response.content.decode().strip() == ""

    def test_query_count_does_not_grow_with_results(self, client, django_assert_max_num_queries):
        region = RegionFactory()
        for _n in range(5):
            issue(*POTHOLES, region=region, country=region.country)
        with django_assert_max_num_queries(3):
            response = client.get(reverse("appeals:similar"), {"text": " ".join(POTHOLES), "region": region.pk})
        assert response.content.decode().count('class="govuk-link"') == 5


class TestMerge:
    def test_merges_and_carries_supporters_over(self, coordinator):
        main = AppealFactory(author=UserFactory())
        duplicate = AppealFactory(author=UserFactory(), status=AppealStatus.ACCEPTED)
        both, only_dup = UserFactory(), UserFactory()
        SupporterFactory(appeal=main, user=both)
        SupporterFactory(appeal=duplicate, user=both)
        SupporterFactory(appeal=duplicate, user=only_dup)
        SupporterFactory(appeal=duplicate, user=main.author)  # the main issue's author does not support their own
        Appeal.objects.filter(pk=main.pk).update(supporters_count=1)

        result = appeal_merge(actor=coordinator, duplicate=duplicate, main=main.pk)

        assert result == main
        duplicate.refresh_from_db()
        assert duplicate.merged_into == main and duplicate.status == AppealStatus.DECLINED
        supporters = set(Supporter.objects.filter(appeal=main).values_list("user_id", flat=True))
        assert supporters == {both.pk, only_dup.pk, duplicate.author_id}
        assert Appeal.objects.get(pk=main.pk).supporters_count == 3
        step = TransitionHistory.objects.get(object_id=duplicate.pk, action="merge")
        assert step.reason == f"Merged into No. {main.pk}." and step.actor == coordinator

    def test_earlier_duplicates_follow_so_there_is_no_chain(self, coordinator):
        main, middle = AppealFactory(), AppealFactory()
        earlier = AppealFactory()
        appeal_merge(actor=coordinator, duplicate=earlier, main=middle)
        appeal_merge(actor=coordinator, duplicate=middle, main=main)
        assert Appeal.objects.get(pk=earlier.pk).merged_into_id == main.pk

    @pytest.mark.parametrize(
        ("case", "code"),
        [("self", "self"), ("main_merged", "chain"), ("main_closed", "main_closed"), ("missing", "not_found")],
    )
    def test_refusals_change_nothing(self, coordinator, case, code):
        duplicate = AppealFactory(author=UserFactory())
        main = AppealFactory()
        if case == "self":
            main = duplicate
        elif case == "main_merged":
            Appeal.objects.filter(pk=main.pk).update(merged_into=AppealFactory(), status=AppealStatus.DECLINED)
        elif case == "main_closed":
            Appeal.objects.filter(pk=main.pk).update(status=AppealStatus.ANSWERED, answered_at=timezone.now())
        target = 987654 if case == "missing" else main
        with pytest.raises(ValidationError) as refused:
            appeal_merge(actor=coordinator, duplicate=duplicate, main=target)
        assert refused.value.error_dict["main"][0].code == code
        duplicate.refresh_from_db()
        assert duplicate.merged_into_id is None and duplicate.status == AppealStatus.NEW
        assert not Supporter.objects.exists()
        assert not TransitionHistory.objects.filter(action="merge").exists()

    def test_a_closed_duplicate_is_refused_by_the_workflow(self, coordinator):
        duplicate = AppealFactory(status=AppealStatus.ANSWERED, answered_at=timezone.now())
        with pytest.raises(ValidationError):
            appeal_merge(actor=coordinator, duplicate=duplicate, main=AppealFactory())
        assert Appeal.objects.get(pk=duplicate.pk).merged_into_id is None

    @pytest.mark.parametrize("who", ["citizen", "representative"])
    def test_only_coordinators_moderators_admins(self, request, who):
        duplicate, main = AppealFactory(), AppealFactory()
        with pytest.raises(PermissionDenied):
            appeal_merge(actor=request.getfixturevalue(who), duplicate=duplicate, main=main)
        assert Appeal.objects.get(pk=duplicate.pk).merged_into_id is None

    @pytest.mark.parametrize("who", ["moderator", "admin_user"])
    def test_moderators_and_admins_merge(self, request, who):
        duplicate, main = AppealFactory(), AppealFactory()
        appeal_merge(actor=request.getfixturevalue(who), duplicate=duplicate, main=main)
        assert Appeal.objects.get(pk=duplicate.pk).merged_into_id == main.pk

    def test_the_citizen_is_told_once(self, coordinator, mailoutbox, django_capture_on_commit_callbacks):
        duplicate = AppealFactory(author=UserFactory(email="asker@example.org", language="en"))
        main = AppealFactory()
        with django_capture_on_commit_callbacks(execute=True):
            appeal_merge(actor=coordinator, duplicate=duplicate, main=main)
        to_citizen = [mail for mail in mailoutbox if mail.to == ["asker@example.org"]]
        assert len(to_citizen) == 1
        assert f"No. {main.pk}" in to_citizen[0].body


class TestMergePage:
    def test_coordinator_merges_by_number(self, client, coordinator):
        duplicate = issue(*POTHOLES)
        main = issue(*POTHOLES, region=duplicate.region, country=duplicate.country)
        client.force_login(coordinator)
        url = reverse("appeals:merge", args=[duplicate.pk])
        page = client.get(url).content.decode()
        assert f"?main={main.pk}" in page  # offered as a similar issue
        response = client.post(url, {"main": main.pk})
        assert response.status_code == 302 and response.url == main.get_absolute_url()
        assert Appeal.objects.get(pk=duplicate.pk).merged_into_id == main.pk

    def test_refusal_is_shown_on_the_field(self, client, coordinator):
        duplicate = AppealFactory()
        client.force_login(coordinator)
        response = client.post(reverse("appeals:merge", args=[duplicate.pk]), {"main": duplicate.pk})
        assert response.status_code == 400
        assert "An issue cannot be merged into itself." in response.content.decode()

    def test_others_are_refused(self, client, citizen):
        duplicate = AppealFactory()
        client.force_login(citizen)
        assert client.get(reverse("appeals:merge", args=[duplicate.pk])).status_code == 403
        client.logout()
        assert client.get(reverse("appeals:merge", args=[duplicate.pk])).status_code == 302


class TestLanguages:
    def test_kazakh_and_english_texts_use_their_stemmers(self):
        region = RegionFactory()
        kazakh = issue("Абай көшесіндегі жол бұзылған", "Жолды жөндеу керек, шұңқырлар көп.", region=region)
        english = issue("Broken street lights", "The street lights near the school are broken.", region=region)
        found = similar_open("Абай көшесіндегі жолды жөндеу керек", region=region)
        assert [item.appeal for item in found] == [kazakh]
        found = similar_open("street light broken near school", region=region)
        assert [item.appeal for item in found] == [english]

    def test_a_bad_region_does_not_lose_the_text(self, client):
        pothole = issue(*POTHOLES)
        response = client.get(reverse("appeals:similar"), {"text": " ".join(POTHOLES), "region": "XX-NOPE"})
        assert pothole.get_absolute_url() in response.content.decode()
