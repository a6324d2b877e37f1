"""`python -m bench [--db sqlite|postgres] [--organisations N]`: generate data at scale and time the scenarios.

The benchmark database is separate from the development one: `bench/out/bench.sqlite3` or the PostgreSQL
database `civicbridge_bench` on 127.0.0.1 (created if missing).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).with_name("out")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--organisations", type=int, default=250_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.base")
        if db == "sqlite":
            OUT.mkdir(exist_ok=True)
            env["DATABASE_URL"] = f"sqlite:///{OUT / 'bench.sqlite3'}"
        else:
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "CREATE DATABASE civicbridge_bench"],
                capture_output=True,
                check=False,
            )
            env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/civicbridge_bench"
        cmd = [
            sys.executable,
            "-m",
            "bench.run",
            "--label",
            db,
            "--organisations",
            str(args.organisations),
            "--repeat",
            str(args.repeat),
        ]
        subprocess.run(cmd, env=env, check=True)


if __name__ == "__main__":
    main()
