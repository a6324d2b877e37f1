"""Who may read and change notifications: each user their own; test messages by administrators."""

from __future__ import annotations

import rules

from civicbridge.accounts.rules import is_admin


@rules.predicate
def is_recipient(user, notification) -> bool:
    """Without an object (a list) any signed-in user; with one, only its recipient."""
    return notification is None or notification.recipient_id == user.pk


rules.add_perm("notifications.view_notification", rules.is_authenticated & is_recipient)
rules.add_perm("notifications.change_notification", rules.is_authenticated & is_recipient)
rules.add_perm("notifications.change_notificationpreference", rules.is_authenticated)
rules.add_perm("notifications.send_test_message", is_admin)
