"""`mandates.web.run_server` in a process of its own, as `mandates serve` runs it:
`python serve_app.py CALENDARS DATABASE_URL TOKEN PORT HEADER_TIMEOUT KEEP_ALIVE` (the bundled
process, checked as of 2020-01-06; the access log on stderr)."""

from __future__ import annotations

import sys
from pathlib import Path

import pendulum

from mandates.config.processes import load_process
from mandates.config.settings import FeedSettings, Settings
from mandates.feeds.published import Published
from mandates.report.html import daily_check
from mandates.store.db import Store
from mandates.web import create_app, run_server


def main() -> None:
    """Serve the feeds in CALENDARS and the check of the bundled process until killed."""
    calendars, database, token, port, header, keep = sys.argv[1:7]
    settings = Settings(calendars_dir=Path(calendars), public_base_url="https://calendars.example.org",
                        feeds=FeedSettings(tokens={"secretariat": token}))
    plan = load_process()
    published = Published(Path(calendars), settings.feeds.tokens)
    app = create_app(settings, published,
                     daily_check(plan, Store(database), lambda: pendulum.Date(2020, 1, 6)))
    run_server(app, "127.0.0.1", int(port), access_log=True, header_timeout=float(header),
               keep_alive=int(keep))


if __name__ == "__main__":
    main()
