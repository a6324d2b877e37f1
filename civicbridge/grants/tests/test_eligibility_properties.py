"""Property-based tests of the eligibility rules (pure: no database): one result per rule, every result explained,
a rule the call does not set always passes, and each set rule passes exactly when its condition holds."""

from __future__ import annotations

from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from civicbridge.grants.choices import EligibilityRule
from civicbridge.grants.services.eligibility import CallRules, evaluate, full_months_between
from civicbridge.registry.choices import OrganisationKind, OrganisationStatus
from civicbridge.registry.models import Country, LegalForm, Organisation, Region

R = EligibilityRule
COUNTRIES = ["KZ", "RU", "KG"]
REGIONS = ["KZ-75", "KZ-71", "RU-MOW", "KG-C"]
FORMS = [1, 2, 3]
KINDS = list(OrganisationKind.values)


@st.composite
def organisations(draw) -> Organisation:
    country = draw(st.sampled_from(COUNTRIES))
    region = draw(st.none() | st.sampled_from(REGIONS))
    form = draw(st.none() | st.sampled_from(FORMS))
    org = Organisation(
        name_ru="НПО",
        kind=draw(st.sampled_from(KINDS)),
        status=draw(st.sampled_from(list(OrganisationStatus.values))),
        registered_on=draw(st.none() | st.dates(date(1990, 1, 1), date(2026, 12, 31))),
    )
    org.country = Country(code=country, name=country)
    org.region = Region(code=region, name=region) if region else None
    org.legal_form = LegalForm(pk=form, code=f"f{form}", name=f"form {form}") if form else None
    return org


call_rules = st.builds(
    CallRules,
    countries=st.dictionaries(st.sampled_from(COUNTRIES), st.just("c"), max_size=2),
    regions=st.dictionaries(st.sampled_from(REGIONS), st.just("r"), max_size=2),
    legal_forms=st.dictionaries(st.sampled_from(FORMS), st.just("f"), max_size=2),
    kinds=st.frozensets(st.sampled_from(KINDS), max_size=3),
    min_age_months=st.none() | st.integers(0, 120),
    refuse_overdue_reports=st.booleans(),
    max_active_grants=st.none() | st.integers(0, 5),
)


@settings(max_examples=300, deadline=None)
@given(
    rules=call_rules,
    org=organisations(),
    on=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    overdue=st.booleans(),
    active=st.integers(0, 8),
)
def test_every_rule_once_explained_and_decided_by_its_condition(rules, org, on, overdue, active):
    results = {r.rule: r for r in evaluate(rules, org, on=on, has_overdue_reports=overdue, active_grants=active)}
    assert set(results) == set(R.values)
    assert all(r.reason.strip() for r in results.values())
    age = None if org.registered_on is None else full_months_between(org.registered_on, on)
    expected = {
        R.COUNTRY: not rules.countries or org.country_id in rules.countries,
        R.REGION: not rules.regions or org.region_id in rules.regions,
        R.LEGAL_FORM: not rules.legal_forms or org.legal_form_id in rules.legal_forms,
        R.KIND: not rules.kinds or org.kind in rules.kinds,
        R.AGE: rules.min_age_months is None or (age is not None and age >= rules.min_age_months),
        R.OVERDUE_REPORTS: not (rules.refuse_overdue_reports and overdue),
        R.ACTIVE_GRANTS: rules.max_active_grants is None or active <= rules.max_active_grants,
        R.STATUS: org.status == OrganisationStatus.ACTIVE,
    }
    assert {rule: results[rule].passed for rule in R.values} == {str(k): v for k, v in expected.items()}


@settings(max_examples=500)
@given(start=st.dates(date(1990, 1, 1), date(2030, 12, 31)), end=st.dates(date(1990, 1, 1), date(2030, 12, 31)))
@example(start=date(2026, 1, 31), end=date(2026, 2, 28))
@example(start=date(2024, 1, 31), end=date(2024, 2, 28))
@example(start=date(2025, 11, 20), end=date(2026, 11, 19))
def test_whole_months_are_whole(start, end):
    months = full_months_between(start, end)
    if end >= start:
        assert months >= 0
        # `months` whole months fit between the dates, and one more does not.
        assert _add_months(start, months) <= end
        assert _add_months(start, months + 1) > end
    else:
        assert months <= 0
        assert full_months_between(end, start) == -months  # counting backwards is the mirror image


def test_month_ends_follow_the_civil_code():
    assert full_months_between(date(2026, 1, 31), date(2026, 2, 28)) == 1
    assert full_months_between(date(2024, 1, 31), date(2024, 2, 28)) == 0  # a leap year: 29 February is the day
    assert full_months_between(date(2024, 1, 31), date(2024, 2, 29)) == 1
    assert full_months_between(date(2025, 11, 20), date(2026, 11, 20)) == 12
    assert full_months_between(date(2025, 11, 20), date(2026, 11, 19)) == 11


def _add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (a month after 31 January is 28/29 February)."""
    import calendar

    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
