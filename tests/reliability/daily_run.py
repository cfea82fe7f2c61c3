"""One daily check as `mandates run daily-check` runs it (Prefect offline, a temporary server),
through `flows.daily_check.run_once`: `python daily_run.py DATABASE_URL AS_OF`. Prints the
summary as JSON on its last line; a MandatesError is printed as `error: ...` with its exit code."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main() -> None:
    """Run the bundled process's daily check once."""
    from mandates.cli import PREFECT_OFFLINE_ENV
    from mandates.errors import MandatesError

    for key, value in PREFECT_OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect"))
    from flows.daily_check import run_once

    database, as_of = sys.argv[1], sys.argv[2]
    try:
        summary = run_once("post2020", as_of=as_of, database=database,
                           on_wait=lambda message: print(f"note: {message}", flush=True))
    except MandatesError as exc:
        print(f"error: {exc.headline()}", flush=True)
        sys.exit(exc.exit_code)
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
