"""`civicbridge loaddemo`: ask every installed app's `demo.py` for its demo records, in dependency order.

An app contributes demo data by shipping `<app>/demo.py` with `load(*, stdout, rng=None) -> None` (the `rng`
keyword is optional: a `random.Random` seeded from `--seed` and the app's label, so one app's data does not
shift when another app's changes) and, when it needs another app's records first,
`DEPENDS_ON = ["registry", ...]` (app labels). Loading is idempotent: every app finds its records by stable
natural keys and creates only what is missing, so a second run writes nothing. An app may also define
`demo_accounts() -> list[tuple[str, str, str]]` (e-mail, password, role); they are printed at the end.
A demo module raises LookupError when what it builds on is missing (e.g. reference data before `migrate`).
"""

from __future__ import annotations

import importlib
import inspect
import random
import time
from types import ModuleType
from typing import Any

from django.apps import AppConfig, apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings
from django.utils.module_loading import module_has_submodule

from civicbridge.core import search
from civicbridge.core.context import acting_as

DEFAULT_SEED = 2026


def demo_modules() -> dict[str, ModuleType]:
    """{app label: its demo module} for the installed apps that have one, in INSTALLED_APPS order."""
    found: dict[str, ModuleType] = {}
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            found[config.label] = importlib.import_module(f"{config.name}.demo")
    return found


def load_order(modules: dict[str, ModuleType]) -> list[str]:
    """App labels so that each comes after the apps in its DEPENDS_ON (ties kept in INSTALLED_APPS order)."""
    installed = {config.label for config in apps.get_app_configs()}
    deps: dict[str, list[str]] = {}
    for label, module in modules.items():
        wanted = list(getattr(module, "DEPENDS_ON", []))
        missing = [dep for dep in wanted if dep not in installed]
        if missing:
            raise CommandError(f"{label}.demo depends on apps that are not installed: {', '.join(missing)}")
        # An installed app without demo data has nothing to wait for.
        deps[label] = [dep for dep in wanted if dep in modules]
    order: list[str] = []
    state: dict[str, str] = {}  # label → "visiting" | "done"

    def visit(label: str, path: tuple[str, ...]) -> None:
        if state.get(label) == "done":
            return
        if state.get(label) == "visiting":
            raise CommandError(f"Demo data dependencies form a loop: {' → '.join((*path, label))}")
        state[label] = "visiting"
        for dep in deps[label]:
            visit(dep, (*path, label))
        state[label] = "done"
        order.append(label)

    for label in modules:
        visit(label, ())
    return order


def _accepts(func: Any, name: str) -> bool:
    params = inspect.signature(func).parameters
    return name in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


def _counts(configs: list[AppConfig]) -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for config in configs for model in config.get_models()}


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent: running it again creates nothing new)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed of the random generator (default {DEFAULT_SEED}: the same data every time).",
        )

    def handle(self, *args: Any, seed: int, verbosity: int = 1, **options: Any) -> None:
        modules = demo_modules()
        order = load_order(modules)
        # Everything the demo can touch: the apps that load data and core (audit log, sources, citations).
        watched = [apps.get_app_config(label) for label in dict.fromkeys(["core", *order])]
        before = _counts(watched)
        started = time.perf_counter()
        # The demo's notifications land in the website inboxes; no e-mail goes out (hundreds would flood the console
        # or, with a real mail server configured, reach real mailboxes at demo.civicbridge.kz).
        # The search index follows saves one record at a time; during the demo it is paused and rebuilt once at the end.
        with (
            acting_as(None),
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            search.paused(),
        ):
            for label in order:
                module = modules[label]
                kwargs: dict[str, Any] = {"stdout": self.stdout}
                if _accepts(module.load, "rng"):
                    kwargs["rng"] = random.Random(f"{seed}:{label}")  # noqa: S311 -- demo data, not secrets
                t0 = time.perf_counter()
                # One transaction per app: a failure leaves that app's demo data as it was, and SQLite is much
                # faster writing thousands of rows in one transaction than committing each.
                try:
                    with transaction.atomic():
                        module.load(**kwargs)
                except LookupError as exc:  # a demo module's way of saying that what it builds on is missing
                    raise CommandError(f"{label}: {exc}") from exc
                if verbosity:
                    self.stdout.write(f"{label}: loaded in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        search.reindex()
        if verbosity:
            self.stdout.write(f"search: indexed in {time.perf_counter() - t0:.1f} s")
        after = _counts(watched)
        if verbosity:
            self._summary(before, after, time.perf_counter() - started)
            for label in order:
                accounts = getattr(modules[label], "demo_accounts", None)
                if accounts is not None:
                    self._accounts(accounts())

    def _summary(self, before: dict[str, int], after: dict[str, int], elapsed: float) -> None:
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {elapsed:.1f} s."))
        width = max(map(len, after), default=0)
        for label, total in after.items():
            added = total - before.get(label, 0)
            if total or added:
                self.stdout.write(f"  {label:<{width}}  {total:>7}  ({added:+d})")

    def _accounts(self, rows: list[tuple[str, str, str]]) -> None:
        self.stdout.write(self.style.SUCCESS("Demo accounts:"))
        width = max((len(email) for email, _, _ in rows), default=0)
        for email, password, role in rows:
            self.stdout.write(f"  {email:<{width}}  {password}  {role}")
