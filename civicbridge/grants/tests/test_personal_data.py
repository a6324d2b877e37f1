"""A user's grant work is in their «download my data» file; erasure anonymises the account and keeps the record."""

from __future__ import annotations

import json

import pytest

from civicbridge.accounts import services as accounts
from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.grants import models as m
from civicbridge.grants import personal_data as grants_personal_data

from .factories import ApplicationFactory, ExpertProfileFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_users_applications_reviews_and_declarations(django_assert_max_num_queries):
    applicant = UserFactory()
    mine = ApplicationFactory(created_by=applicant, title="Лагерь для всех")
    ApplicationFactory(title="Чужая заявка")
    profile = ExpertProfileFactory(languages=["kk"], max_load=7)
    review = ReviewFactory(expert=profile.user, comment="Сильная команда.")
    criterion = review.application.call.criteria.first()
    m.Score.objects.create(review=review, criterion=criterion, value=8, comment="Ясная цель.")
    m.ConflictDeclaration.objects.create(expert=profile.user, application=mine, reason="Работал у заявителя.")
    ReviewFactory()  # another expert's review stays out

    applicant_data = accounts.personal_data_export(applicant)
    assert [a["title"] for a in applicant_data["grant_applications_created"]] == ["Лагерь для всех"]
    assert applicant_data["grant_reviews"] == [] and applicant_data["grant_expert_profile"] is None

    with django_assert_max_num_queries(7):  # the grants section costs a fixed number of queries however many rows
        grants_personal_data.export(profile.user)
    expert_data = accounts.personal_data_export(profile.user)
    assert expert_data["grant_expert_profile"]["languages"] == ["kk"]
    assert expert_data["grant_expert_profile"]["max_load"] == 7
    [exported] = expert_data["grant_reviews"]
    assert exported["comment"] == "Сильная команда."
    assert exported["scores"] == [{"criterion": criterion.name, "mark": 8, "comment": "Ясная цель."}]
    assert [c["reason"] for c in expert_data["grant_conflicts_declared"]] == ["Работал у заявителя."]
    json.dumps(expert_data)  # goes into the JSON download as it is


def test_erasure_keeps_the_review_but_no_longer_names_the_expert():
    review = ReviewFactory(comment="Сильная команда.")
    expert = review.expert
    accounts.user_erase(user=expert)
    review.refresh_from_db()
    assert review.comment == "Сильная команда."
    expert.refresh_from_db()
    assert expert.email == f"erased-{expert.pk}@invalid" and not expert.full_name and not expert.is_active
