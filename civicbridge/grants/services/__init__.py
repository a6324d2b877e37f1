"""Writes of state support, one module per stage: calls, applications, eligibility, experts, assignment, reviews,
ranking, decisions, agreements. Import the module (`from civicbridge.grants.services import applications`)."""
