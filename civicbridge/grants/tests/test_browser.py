"""Applying, reviewing and deciding in a real browser (headless Chromium), as the three people who do them.

The NGO representative signs in, starts an application from the call's page, fills the structured form, checks it
and submits it; the expert signs in, marks every criterion with a comment and submits the review; the grant operator
records the award. Between them the platform's own services do what operators do on other pages (screening,
assignment) and a second expert's review arrives, so the flow is the real one end to end.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.tests.browser import click_button, sign_in_as, wait_for
from civicbridge.grants.choices import ApplicationStatus, ReviewStatus
from civicbridge.grants.models import Application, Call, Review
from civicbridge.grants.services import assignment, eligibility, reviews
from civicbridge.registry.tests.factories import OrganisationFactory

from .factories import CallFactory, ExpertProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple 42"  # noqa: S105 -- a test account's password


def sign_out(page) -> None:
    page.delete_all_cookies()


def fill(page, name: str, value: str) -> None:
    element = page.find_element(By.NAME, name)
    if element.get_attribute("type") == "date":
        # Typing into a date input depends on the browser's locale; set the ISO value as a picker would.
        page.execute_script(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            element,
            value,
        )
        return
    element.clear()
    element.send_keys(value)


def choose(page, name: str, value: str) -> None:
    Select(page.find_element(By.NAME, name)).select_by_value(value)


def user_with(role: str, organisation=None):
    user = UserFactory(language="en")
    user.set_password(PASSWORD)
    user.save()
    if role is not None:
        MembershipFactory(user=user, role=role, organisation=organisation)
    return user


@pytest.fixture
def people(transactional_db):
    call = CallFactory(code="kz-browser", name_en="State grants 2027", name="State grants 2027")
    applicant_org = OrganisationFactory(name_ru="Общественный фонд «Браузер»", registered_on=date(2015, 1, 1))
    representative = user_with(Role.REPRESENTATIVE, applicant_org)
    operator = user_with(Role.OPERATOR, call.programme.funder)
    experts = []
    for _ in range(2):
        expert = user_with(None)
        ExpertProfileFactory(user=expert)
        experts.append(expert)
    return {"call": call, "org": applicant_org, "rep": representative, "operator": operator, "experts": experts}


def test_apply_review_and_decide(page, live_server, people):
    call: Call = people["call"]
    page.set_window_size(1280, 1000)

    # 1. The representative applies from the call's page.
    sign_in_as(page, people["rep"])
    page.get(f"{live_server.url}/grants/calls/{call.code}/")
    page.find_element(By.CSS_SELECTOR, f"a[href$='/grants/calls/{call.code}/apply/']").click()
    wait_for(page, lambda b: b.current_url.endswith("/apply/"), "the apply page did not open")
    fill(page, "title", "Inclusive summer camp")
    click_button(page, "Start the application")
    wait_for(page, lambda b: "/edit/" in b.current_url, "the draft was not created")
    starts = date.today() + timedelta(days=60)
    ends = starts + timedelta(days=180)
    for name, value in {
        "summary": "A camp for children with and without disabilities.",
        "problem": "Children with disabilities have nowhere to rest with their peers.",
        "target_groups": "Children aged 7 to 14 and their parents",
        "goal": "An inclusive summer for 60 children.",
        "starts_on": starts.isoformat(),
        "ends_on": ends.isoformat(),
        "tasks-0-text": "Hold two camp sessions",
        "activities-0-title": "First session",
        "activities-0-starts_on": starts.isoformat(),
        "activities-0-ends_on": (starts + timedelta(days=14)).isoformat(),
        "indicators-0-name": "Children who took part",
        "indicators-0-target": "60",
        "team-0-full_name": "Айгуль Сериковна",
        "team-0-role": "project lead",
        "budget-0-item": "Counsellors",
        "budget-0-unit_cost": "300000",
        "budget-0-quantity": "10",
        "budget-0-requested": "2500000",
        "budget-0-cofinancing": "500000",
    }.items():
        fill(page, name, value)
    choose(page, "budget-0-category", "staff")
    click_button(page, "Save and check before submitting")
    wait_for(page, lambda b: "/submit/" in b.current_url, "the check page did not open")
    click_button(page, "Submit the application")
    application = Application.objects.get(call=call, organisation=people["org"])
    wait_for(
        page,
        lambda b: Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED,
        "the application was not submitted",
    )
    application.refresh_from_db()
    wait_for(page, lambda b: application.receipt_number in b.find_element(By.TAG_NAME, "main").text, "no receipt shown")
    assert application.requested_amount == Decimal("2500000")
    sign_out(page)

    # Between the pages: the call closes, the operator screens it and assigns the two experts.
    Call.objects.filter(pk=call.pk).update(closes_at=call.opens_at + timedelta(days=1))
    call.refresh_from_db()
    eligibility.screen_call(actor=people["operator"], call=call)
    assignment.assign_call(actor=people["operator"], call=call)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW

    # 2. The first expert reviews in the browser: a mark and a comment for every criterion.
    expert, second = people["experts"]
    review = Review.objects.get(application=application, expert=expert)
    sign_in_as(page, expert)
    page.get(f"{live_server.url}/grants/reviews/")
    page.find_element(By.CSS_SELECTOR, f"a[href$='/grants/reviews/{review.pk}/']").click()
    wait_for(page, lambda b: b.current_url.endswith(f"/grants/reviews/{review.pk}/"), "the review did not open")
    main = page.find_element(By.TAG_NAME, "main").text
    assert "Inclusive summer camp" in main and second.email not in main  # blind to the other expert
    for criterion in call.criteria.all():
        radio = page.find_element(By.CSS_SELECTOR, f"input[name='criterion_{criterion.pk}'][value='8']")
        page.execute_script("arguments[0].click();", radio)
        fill(page, f"comment_{criterion.pk}", f"Well argued: {criterion.name}.")
    click_button(page, "Submit the review")
    wait_for(
        page,
        lambda b: Review.objects.get(pk=review.pk).status == ReviewStatus.SUBMITTED,
        "the review was not submitted",
    )
    sign_out(page)

    # The second expert's review arrives the same way, through the service.
    other = Review.objects.get(application=application, expert=second)
    reviews.review_save(
        actor=second,
        review=other,
        marks={c.pk: (7, "Realistic.") for c in call.criteria.all()},
    )
    reviews.review_submit(actor=second, review=other)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REVIEWED
    assert application.score == Decimal("75.00")

    # 3. The operator records the award.
    sign_in_as(page, people["operator"])
    page.get(f"{live_server.url}/grants/applications/{application.pk}/decision/")
    page.execute_script(
        "arguments[0].click();", page.find_element(By.CSS_SELECTOR, "input[name='outcome'][value='award']")
    )
    fill(page, "amount", "2400000")
    fill(page, "reason", "Strong inclusive design; budget trimmed.")
    fill(page, "protocol_number", "12/2027")
    click_button(page, "Record the decision")
    wait_for(
        page,
        lambda b: Application.objects.get(pk=application.pk).status == ApplicationStatus.AWARDED,
        "the decision was not recorded",
    )
    application.refresh_from_db()
    assert application.decision.amount == Decimal("2400000")
    assert application.decision.protocol_number == "12/2027"
