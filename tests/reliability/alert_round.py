"""One round of alerts in a process of its own, to be killed mid-send by a test:
`python alert_round.py DATABASE_URL APPRISE_URL` (the bundled process, as of 2020-01-06)."""

from __future__ import annotations

import sys

import pendulum

from mandates.alerts import send_alerts
from mandates.config.processes import load_process
from mandates.config.settings import AlertSettings
from mandates.core.evaluate import evaluate
from mandates.store.db import Store


def main() -> None:
    """Send the digest of 6 January 2020 to the URL given, recording in the database given."""
    database, url = sys.argv[1], sys.argv[2]
    plan = load_process()
    store = Store(database)
    evaluation = evaluate(plan, store.facts(plan.process.id), pendulum.Date(2020, 1, 6))
    send_alerts(store, evaluation, AlertSettings(urls=(url,), retries=0), now=pendulum.now("UTC"))


if __name__ == "__main__":
    main()
