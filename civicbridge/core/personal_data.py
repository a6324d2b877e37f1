"""What each app holds about a user, declared once by the app: the «download my data» file and erasure gather it.

An app registers in its ``AppConfig.ready()``::

    personal_data.register("notifications", export=selectors.personal_data, erase=services.notifications_erase)

``export(user)`` returns a dict of JSON-safe sections (top-level keys of the download); ``erase(user=...)`` removes
or anonymises what the app holds, inside the erasure's transaction. An app whose records must outlive the account
(e.g. the reviews behind a public funding decision) registers no eraser and says so in its docs: the account itself
is anonymised by ``accounts.services.user_erase``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Holder:
    app: str
    export: Callable[[Any], dict[str, Any]]
    erase: Callable[..., None] | None = None


_holders: dict[str, Holder] = {}


def register(app: str, *, export: Callable[[Any], dict[str, Any]], erase: Callable[..., None] | None = None) -> None:
    _holders[app] = Holder(app=app, export=export, erase=erase)


def holders() -> list[Holder]:
    return sorted(_holders.values(), key=lambda holder: holder.app)


def export_sections(user) -> dict[str, Any]:
    """Every registered app's sections for `user`; two apps claiming one section name is a programming error."""
    sections: dict[str, Any] = {}
    for holder in holders():
        part = holder.export(user)
        clash = sections.keys() & part.keys()
        if clash:
            raise RuntimeError(f"personal data: {holder.app} repeats the section(s) {sorted(clash)}")
        sections.update(part)
    return sections


def erase_everywhere(user) -> None:
    for holder in holders():
        if holder.erase is not None:
            holder.erase(user=user)
