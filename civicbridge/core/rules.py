"""Permissions on shared records."""

import rules

from civicbridge.accounts.rules import is_admin_or_moderator

rules.add_perm("core.view_auditentry", is_admin_or_moderator)
rules.add_perm("core.add_source", is_admin_or_moderator)
rules.add_perm("core.change_source", is_admin_or_moderator)
rules.add_perm("core.add_citation", is_admin_or_moderator)
