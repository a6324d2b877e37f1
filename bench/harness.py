"""Timers and the RESULTS.md writer shared by every scenario."""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


@dataclass
class Measurement:
    name: str
    samples_ms: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def p50(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(name: str, fn: Callable[[], object], *, repeat: int = 30, warmup: int = 3, note: str = "") -> Measurement:
    """Run `fn` `warmup` times unmeasured, then `repeat` times, recording wall-clock milliseconds."""
    for _ in range(warmup):
        fn()
    result = Measurement(name, note=note)
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        result.samples_ms.append((time.perf_counter() - start) * 1000)
    return result


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_section(title: str, intro: str, rows: list[Measurement], targets: dict[str, float] | None = None) -> None:
    """Replace (or append) the section `title` of RESULTS.md with a table of the measurements."""
    targets = targets or {}
    lines = [
        f"## {title}",
        "",
        intro,
        "",
        "| scenario | p50 ms | p95 ms | runs | target p95 | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        target = targets.get(row.name)
        verdict = "" if target is None else f"< {target:g} {'✅' if row.p95 < target else '❌'}"
        lines.append(f"| {row.name} | {row.p50:.1f} | {row.p95:.1f} | {len(row.samples_ms)} | {verdict} | {row.note} |")
    section = "\n".join(lines) + "\n"
    text = (
        RESULTS.read_text()
        if RESULTS.exists()
        else "# Benchmark results\n\nWritten by `make bench`; figures measured, never typed.\n"
    )
    marker = f"## {title}\n"
    if marker in text:
        head, rest = text.split(marker, 1)
        tail = rest.split("\n## ", 1)
        text = head + section + ("\n## " + tail[1] if len(tail) > 1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text)


OUT = Path(__file__).resolve().parent / "out"


def database_url(db: str, name: str) -> str:
    """A scenario's own database: a file in bench/out for SQLite, or a PostgreSQL database created on first use."""
    import subprocess

    if db == "sqlite":
        OUT.mkdir(exist_ok=True)
        return f"sqlite:///{OUT / (name + '.sqlite3')}"
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {name}"],
        capture_output=True,
        check=False,
    )
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def step_runner(module: str, url: str, *common: str) -> Callable[..., dict]:
    """Run steps of a scenario each in a fresh process (``python -m module --step STEP *common``) against `url`; a
    step prints one line ``RESULT <json>``, which the runner returns. Jobs run in-process (no REDIS_URL)."""
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.base", DATABASE_URL=url)
    env.pop("REDIS_URL", None)

    def run(*step: str) -> dict:
        cmd = [sys.executable, "-m", module, "--step", *step, *common]
        out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
        return json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[7:])

    return run
