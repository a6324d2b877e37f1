"""Who may download, attach or delete a stored file: the owner record's own rules decide.

An owner model declares which of its permissions guard its files, as class attributes:

    class Application(models.Model):
        file_view_perm = "grants.view_application"      # who may download its files
        file_attach_perm = "grants.change_application"  # who may attach files to it or remove them

An owner without `file_view_perm` is public: anyone may download its files. A file not yet attached is visible
only to whoever uploaded it (and to administrators).
"""

from __future__ import annotations

from typing import Any

import rules

from civicbridge.accounts.rules import is_admin_or_moderator


def owner_allows(user: Any, owner: Any, attribute: str, *, default: bool) -> bool:
    """Ask the owner's own rule named by `attribute` (e.g. `file_view_perm`); `default` when it declares none."""
    perm = getattr(owner, attribute, None)
    if not perm:
        return default
    return bool(user and user.has_perm(perm, owner))


def _owner(stored_file: Any) -> Any:
    """The owner record, or None when the file is unattached or its owner is gone."""
    if stored_file is None or stored_file.owner_id is None:
        return None
    return stored_file.owner


@rules.predicate
def is_uploader(user, stored_file) -> bool:
    """The user uploaded this file."""
    return bool(stored_file is not None and user.is_authenticated and stored_file.uploaded_by_id == user.pk)


@rules.predicate
def is_unattached(user, stored_file) -> bool:
    """The file belongs to no record yet (uploaded with a form that has not been saved)."""
    return stored_file is not None and stored_file.owner_id is None


@rules.predicate
def owner_lets_view(user, stored_file) -> bool:
    """The owner record has no view rule for its files (public), or its rule lets the user view it."""
    owner = _owner(stored_file)
    return owner is not None and owner_allows(user, owner, "file_view_perm", default=True)


@rules.predicate
def owner_lets_change(user, stored_file) -> bool:
    """The owner record declares who may change its files, and the user is one of them."""
    owner = _owner(stored_file)
    return owner is not None and owner_allows(user, owner, "file_attach_perm", default=False)


rules.add_perm("files.view_storedfile", owner_lets_view | is_unattached & is_uploader)
rules.add_perm("files.change_storedfile", is_admin_or_moderator | owner_lets_change | is_unattached & is_uploader)
rules.add_perm("files.delete_storedfile", is_admin_or_moderator | owner_lets_change | is_unattached & is_uploader)
