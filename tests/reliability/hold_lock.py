"""Hold the daily-run lock in a process of its own until killed:
`python hold_lock.py DATABASE_URL PROCESS_ID` (prints `held` once it has it)."""

from __future__ import annotations

import sys
import time

from tasks.runlock import run_lock


def main() -> None:
    """Take the lock, say so, and keep it."""
    with run_lock(sys.argv[1], sys.argv[2]):
        print("held", flush=True)
        time.sleep(3600)


if __name__ == "__main__":
    main()
