"""Who may do what in state support. The same rules guard services, HTML views and the API.

Three kinds of people act here: those who *run* a call (grant operators and state officials of the programme's
funder or operator organisation), *applicants* (editors of the applying organisation: representative, administrator,
coordinator) and *experts* (only on the reviews assigned to them).
"""

from __future__ import annotations

import rules

from civicbridge.accounts.choices import Role
from civicbridge.accounts.rules import _roles, has_role, is_admin, organisations_edited_by

RUNNER_ROLES = (Role.OPERATOR, Role.OFFICIAL)


def programme_of(obj):
    """The programme an object of this app belongs to (None for anything else)."""
    from . import models as m

    if isinstance(obj, m.Programme):
        return obj
    if isinstance(obj, m.Call):
        return obj.programme
    if isinstance(obj, m.Application):
        return obj.call.programme
    if isinstance(obj, m.Review | m.Decision | m.Agreement):
        return obj.application.call.programme
    if isinstance(obj, m.Report):
        return obj.agreement.application.call.programme
    return None


def application_of(obj):
    from . import models as m

    if isinstance(obj, m.Application):
        return obj
    if isinstance(obj, m.Review | m.Decision | m.Agreement):
        return obj.application
    if isinstance(obj, m.Report):
        return obj.agreement.application
    return None


def organisations_run_by(user) -> set[int]:
    """Ids of the organisations for which the user runs programmes (as grant operator or state official)."""
    if not user or not user.is_authenticated:
        return set()
    held = _roles(user)
    return {org for role in RUNNER_ROLES for org in held.get(role, ()) if org is not None}


@rules.predicate
def runs_programme(user, obj) -> bool:
    """The user is an operator or official of the funder or the operator of the object's programme."""
    programme = programme_of(obj)
    return programme is not None and bool(programme.run_by_ids & organisations_run_by(user))


@rules.predicate
def is_runner(user) -> bool:
    """The user runs programmes for some organisation (may create programmes for it)."""
    return bool(organisations_run_by(user))


@rules.predicate
def is_applicant(user, obj) -> bool:
    """The user edits the organisation that applied (or, given an organisation, that organisation)."""
    from civicbridge.registry.models import Organisation

    org_id = obj.pk if isinstance(obj, Organisation) else getattr(application_of(obj), "organisation_id", None)
    return org_id is not None and org_id in organisations_edited_by(user)


@rules.predicate
def is_expert(user) -> bool:
    return has_role(user, Role.EXPERT)


@rules.predicate
def is_assigned_expert(user, obj) -> bool:
    """The user is the expert of this review, or holds an assigned (not withdrawn) review of this application."""
    from . import models as m
    from .choices import ReviewStatus

    if not user or not user.is_authenticated:
        return False
    if isinstance(obj, m.Review):
        return obj.expert_id == user.pk
    if isinstance(obj, m.Application):
        return obj.reviews.filter(expert=user, status__in=[ReviewStatus.ASSIGNED, ReviewStatus.SUBMITTED]).exists()
    return False


@rules.predicate
def results_public(user, obj) -> bool:
    from .choices import CallStatus

    programme_call = obj if obj.__class__.__name__ == "Call" else getattr(application_of(obj), "call", None)
    return programme_call is not None and programme_call.status == CallStatus.RESULTS_PUBLISHED


runner = is_admin | runs_programme

rules.add_perm("grants.add_programme", is_admin | is_runner)
rules.add_perm("grants.change_programme", runner)
rules.add_perm("grants.add_call", runner)  # object: the programme
rules.add_perm("grants.change_call", runner)
rules.add_perm("grants.manage_call", runner)  # publish, start review, publish results, cancel
rules.add_perm("grants.view_call_dashboard", runner)
rules.add_perm("grants.view_ranking", runner)
# Applicants.
rules.add_perm("grants.apply", is_admin | is_applicant)  # object: the organisation
rules.add_perm("grants.change_application", is_applicant)  # drafts only; the service checks the status
rules.add_perm("grants.submit_application", is_applicant)
rules.add_perm("grants.withdraw_application", is_applicant)
rules.add_perm("grants.view_application", is_applicant | runner | is_assigned_expert)
# Running a call.
rules.add_perm("grants.screen_application", runner)
rules.add_perm("grants.override_eligibility", runner)
rules.add_perm("grants.assign_experts", runner)  # object: the call or the application
rules.add_perm("grants.decide", runner)
rules.add_perm("grants.manage_agreement", runner)
rules.add_perm("grants.review_report", runner)
rules.add_perm("grants.view_agreement", runner | is_applicant)
rules.add_perm("grants.submit_report", is_applicant)
# Experts.
rules.add_perm("grants.manage_expert_pool", is_admin | is_runner)
rules.add_perm("grants.view_review", is_assigned_expert | runner)
rules.add_perm("grants.submit_review", is_assigned_expert)
rules.add_perm("grants.declare_conflict", is_assigned_expert)
rules.add_perm("grants.withdraw_review", runner)
# The public.
rules.add_perm("grants.view_results", results_public | runner)
