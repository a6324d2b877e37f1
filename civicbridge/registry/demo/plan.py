"""The registry's demo records as plain data (organisations, units, posts, network links), before any is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class OrgSpec:
    key: str
    fields: dict[str, Any]
    themes: tuple[str, ...] = ()
    quote: str = ""


@dataclass
class UnitSpec:
    key: str
    org: str
    names: tuple[str, str, str]
    kind: str
    parent: str | None = None
    quote: str = ""


@dataclass
class PostSpec:
    """A person and the post they hold (a generated person is known only through their post)."""

    person: tuple[str, str, str]
    org: str
    title: tuple[str, str, str]
    unit: str | None = None
    start_date: date | None = None
    email: str = ""
    quote: str = ""


@dataclass
class LinkSpec:
    network: str
    member: str
    membership_type: str
    joined_on: date
    left_on: date | None = None


@dataclass
class Plan:
    orgs: list[OrgSpec] = field(default_factory=list)
    units: list[UnitSpec] = field(default_factory=list)
    posts: list[PostSpec] = field(default_factory=list)
    links: list[LinkSpec] = field(default_factory=list)
