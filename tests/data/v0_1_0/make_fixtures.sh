#!/usr/bin/env bash
# Rebuild the fixtures of tests/store/test_upgrade_from_0_1_0.py by running version 0.1.0.
# Run from the repository root: bash tests/data/v0_1_0/make_fixtures.sh
# Needs git history down to commit 922d69a (0.1.0) and 0d4c8c8 (the first constraints file).
set -euo pipefail

here=tests/data/v0_1_0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. Version 0.1.0 in its own venv. 0.1.0 had no lock file; the constraints written right after
#    it (0d4c8c8) hold babel at 2.18.0, whose Chinese date ranges 0.1.0's tests expect.
mkdir "$work/src"
git archive 922d69a | tar -x -C "$work/src"
git show 0d4c8c8:constraints.txt > "$work/constraints.txt"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q -c "$work/constraints.txt" -e "$work/src[test]" 2>&1 \
  | grep -v "is ignored" || true
mandates="$work/venv/bin/mandates"
db="sqlite:///$work/state.db"
export MANDATES_SETTINGS="$work/settings.yaml" MANDATES_CACHE_DIR="$work/cache"
cp "$here/settings.yaml" "$work/settings.yaml"

# 2. Facts, recorded with 0.1.0's commands (every kind of fact its CLI records).
cd "$work"
$mandates deliver zero-draft-overview --on 2019-11-24 --ref "CBD/WG2020/2/INF/1" --database "$db"
$mandates receive sbstta-23-conclusions --on 2019-12-02 --ref "CBD/SBSTTA/23/L.1" --database "$db"
$mandates reschedule wg2020-2 --opens 2020-02-24 --closes 2020-02-29 --announced 2020-02-03 \
  --venue "Rome, FAO headquarters" --timezone Europe/Rome --database "$db"
$mandates reschedule consult-review --opens 2020-02-21 --closes 2020-02-22 --announced 2020-02-03 \
  --venue "Rome, Italy" --timezone Europe/Rome --database "$db"   # same dates: recorded as relocated
$mandates postpone sbstta-24 --announced 2020-03-10 --database "$db"
$mandates cancel consult-iucn --announced 2020-01-20 --database "$db"
$mandates waive ws-synergies-outcome --on 2020-01-15 --reason "No product is expected from the follow-up workshop" --database "$db"
# 0.1.0 records this note, then crashes printing it back (rich markup): the fact is in the database.
$mandates note wg2020-2 "Registration closes on 10 February; see [/b] annex" --on 2020-01-10 \
  --database "$db" 2>/dev/null || true
$mandates note sbi-3-recs-financial-mechanism "Expert report late: 50% done & <draft> only" --on 2020-02-20 --database "$db"

# 3. A briefing with its snapshot (0.1.0 records what it showed in briefing_snapshot).
$mandates brief --as-of 2020-01-06 --since none --format html -o "$work/briefing.html" --database "$db"

# 4. The feeds, the check's JSON beside them (as the daily flow writes it), and alerts recorded
#    without sending anything: channel 1's digest "went" (a sender that sends nothing and says
#    so), channel 2's failed, so 0.1.0 recorded its items as failed, to be tried again.
#    The feeds are written twice, as the daily run would: on 6 January, then on 1 March, after
#    WG2020-2 moved to Rome, so that the events that changed carry SEQUENCE 1.
$mandates feeds --as-of 2020-01-06 --out "$work/calendars" --database "$db"
$mandates feeds --as-of 2020-03-01 --out "$work/calendars" --database "$db"
"$work/venv/bin/python" - "$db" "$work/calendars" <<'PY'
import sys
from pathlib import Path

import pendulum

from mandates.checkreport import write_check_json
from mandates.evaluate import evaluate
from mandates.notify import send_alerts
from mandates.processes import load_process
from mandates.settings import load_settings
from mandates.store import Store

store = Store(sys.argv[1])
plan = load_process()
evaluation = evaluate(plan, store.facts(plan.process.id), pendulum.Date(2020, 3, 1))
write_check_json(evaluation, Path(sys.argv[2]))
urls = load_settings().alerts
went = send_alerts(store, evaluation, urls, sleep=lambda s: None,
                   sender=lambda url, title, body: None if "channel-1" in url else "refused (fixture)")
print(f"alerts: {went.sent} recorded as sent, {went.failed} as failed")
PY

# 5. Into the repository: the database as SQL text, the calendars folder, and the facts and
#    feed versions as 0.1.0 reads them (the expectations of the test).
"$work/venv/bin/python" - "$work/state.db" "$OLDPWD/$here" <<'PY'
import json
import sqlite3
import sys
from pathlib import Path

from mandates.store import Store

db, out = sys.argv[1], Path(sys.argv[2])
with sqlite3.connect(db) as connection:
    (out / "state.sql").write_text("\n".join(connection.iterdump()) + "\n", encoding="utf-8")
facts = [{"id": f.id, "kind": f.kind.value, "subject": f.subject,
          "effective_on": f.effective_on.isoformat(), "recorded_at": f.recorded_at.isoformat(),
          "opens_on": f.opens_on.isoformat() if f.opens_on else None,
          "closes_on": f.closes_on.isoformat() if f.closes_on else None, "venue": f.venue,
          "timezone": f.timezone, "ref": f.ref, "text": f.text}
         for f in Store(f"sqlite:///{db}").facts("post2020")]
(out / "facts.json").write_text(json.dumps(facts, ensure_ascii=False, indent=1) + "\n",
                                encoding="utf-8")
PY
rm -rf "$OLDPWD/$here/calendars"
cp -r "$work/calendars" "$OLDPWD/$here/calendars"
# The process file 0.1.0 shipped (feeds regenerated from it must come out byte for byte), and the
# digest of its schema migration (the PostgreSQL test builds 0.1.0's schema with revision 0001).
cp "$work/src/config/post2020.yaml" "$OLDPWD/$here/post2020.yaml"
sha256sum "$work/src/mandates/migrations/versions/0001_initial.py" | cut -d' ' -f1 \
  > "$OLDPWD/$here/0001_initial.sha256"
echo "fixtures written to $here"
