"""The settings a briefing reads (`briefing.options`, issue 10): loaded in full once, then from the
cache entry of the same settings files without importing pydantic; a changed, bad or
uncacheable settings file is read and reported as `load_settings` does. Each case runs in its
own Python process (what is imported is the point), against its own settings file and cache."""

from __future__ import annotations

import grp
import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = ("import json, sys\n"
         "from mandates.briefing.options import briefing_options\n"
         "from mandates.errors import SettingsError\n"
         "try:\n"
         "    o = briefing_options()\n"
         "except SettingsError as exc:\n"
         "    print(json.dumps({'error': str(exc)}))\n"
         "    raise SystemExit(0)\n"
         "print(json.dumps({'horizon': o.horizon_weeks, 'group': o.secretariat_group,\n"
         "                  'pydantic': 'pydantic' in sys.modules}))\n")


def probe(tmp_path: Path, **extra: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MANDATES_")}
    env.update(MANDATES_SETTINGS=str(tmp_path / "settings.yaml"), MANDATES_CACHE_DIR=str(tmp_path / "cache"))
    env.update(extra)
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout)
    return found


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("settings-*.json"))


def test_loaded_in_full_once_then_without_pydantic(tmp_path: Path) -> None:
    group = grp.getgrgid(os.getgid()).gr_name
    (tmp_path / "settings.yaml").write_text(f"secretariat_group: {group}\nbriefing:\n  horizon_weeks: 3\n")
    assert probe(tmp_path) == {"horizon": 3, "group": group, "pydantic": True}
    assert len(entries(tmp_path)) == 1
    assert probe(tmp_path) == {"horizon": 3, "group": group, "pydantic": False}
    # The file changed: its new value, loaded in full, in an entry of its own.
    (tmp_path / "settings.yaml").write_text("briefing:\n  horizon_weeks: 4\n")
    assert probe(tmp_path) == {"horizon": 4, "group": None, "pydantic": True}
    assert probe(tmp_path) == {"horizon": 4, "group": None, "pydantic": False}
    assert len(entries(tmp_path)) == 2


def test_a_bad_settings_file_is_reported_as_before(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text("briefing:\n  horizon_weeks: 0\n")
    said = probe(tmp_path)
    assert "horizon_weeks" in str(said["error"]) and entries(tmp_path) == []


def test_a_group_gone_since_the_entry_was_kept_is_refused(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text("briefing:\n  horizon_weeks: 5\n")
    assert probe(tmp_path)["horizon"] == 5
    [entry] = entries(tmp_path)
    # An entry naming a group the machine no longer has is not trusted: loaded in full again.
    entry.write_text(json.dumps({"horizon_weeks": 5, "secretariat_group": "no-such-group-mandates"}))
    assert probe(tmp_path) == {"horizon": 5, "group": None, "pydantic": True}
    entry.write_text("{damaged")
    assert probe(tmp_path) == {"horizon": 5, "group": None, "pydantic": True}


def test_no_cache_reads_in_full_and_keeps_nothing(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text("briefing:\n  horizon_weeks: 2\n")
    for _ in range(2):
        assert probe(tmp_path, MANDATES_NO_CACHE="1") == {"horizon": 2, "group": None, "pydantic": True}
    assert entries(tmp_path) == []
