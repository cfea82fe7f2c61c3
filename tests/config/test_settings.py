"""Settings on pydantic-settings: every key checked at every depth with file:line and the nearest
valid key, bad zones refused, the bundled file unchanged, and every MANDATES_* variable read in
one place."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mandates.cli import app
from mandates.config.processes import bundled_config_dir
from mandates.config.settings import Environment, Settings, environment, load_settings
from mandates.errors import MandatesError, SettingsError

REPOSITORY = Path(__file__).resolve().parents[2]


def settings_file(folder: Path, text: str) -> Path:
    path = folder / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problem(path: Path) -> SettingsError:
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert isinstance(caught.value, MandatesError) and caught.value.exit_code == 2
    return caught.value


def test_the_bundled_settings_load_as_the_defaults() -> None:
    """config/settings.yaml, unchanged, gives exactly the documented defaults."""
    assert load_settings(env=Environment()) == Settings()
    text = (bundled_config_dir() / "settings.yaml").read_text(encoding="utf-8")
    assert "alerts:" in text and "horizon_weeks: 6" in text


def test_an_override_merges_key_by_key_and_a_bare_key_keeps_its_default(tmp_path: Path) -> None:
    path = settings_file(tmp_path, "public_base_url: https://calendars.example.org/\n"
                                   "alerts:\n  urls: [mailtos://u:p@smtp.example.org]\n"
                                   "feeds:\n  tokens: {secretariat: 12345}\n  alarms_days_before:\n"
                                   "briefing:\n")
    settings = load_settings(path)
    assert settings.public_base_url == "https://calendars.example.org"
    assert settings.alerts.urls == ("mailtos://u:p@smtp.example.org",) and settings.alerts.retries == 3
    assert settings.feeds.tokens == {"secretariat": "12345"} and settings.feeds.alarms_days_before == ()
    assert settings.briefing_horizon_weeks == 6


def test_a_typo_at_any_depth_names_file_line_field_and_the_nearest_key(tmp_path: Path) -> None:
    path = settings_file(tmp_path, "timezone: America/Toronto\nalerts:\n  url: [mailtos://x]\n")
    assert str(problem(path)) == f"{path}:3: alerts.url: unknown key 'url'; did you mean 'urls'?"
    path = settings_file(tmp_path, "feeds:\n  tasks_feed: true\n  keep_canceled_days: 30\n")
    assert str(problem(path)) == (f"{path}:3: feeds.keep_canceled_days: unknown key "
                                  "'keep_canceled_days'; did you mean 'keep_cancelled_days'?")


def test_every_problem_is_reported_in_file_order(tmp_path: Path) -> None:
    path = settings_file(tmp_path, "timezone: America/Montreall\nflow_task_threshold: many\n"
                                   "feeds:\n  alarms_days_before: [7, -1]\nfeedz: {}\n")
    error = problem(path)
    assert str(error) == "4 problems in the settings; nothing was done"
    assert error.details() == (
        f"{path}:1: timezone: unknown time zone 'America/Montreall'; did you mean 'America/Montreal'?",
        f"{path}:2: flow_task_threshold: Input should be a valid integer, unable to parse string as "
        "an integer",
        f"{path}:4: feeds.alarms_days_before: days before must be 0 or more",
        f"{path}:5: feedz: unknown key 'feedz'; did you mean 'feeds'?",
    )


@pytest.mark.parametrize(("text", "expected"), [
    ("timezone: Mars/Olympus_Mons\n", "1: timezone: unknown time zone 'Mars/Olympus_Mons'"),
    ("public_base_url: calendars.example.org\n", "1: public_base_url: expected an http:// or https://"),
    ("daily_check_cron: every morning\n", "1: daily_check_cron: expected a cron of five fields"),
    ("secretariat_group: no-such-group-here\n", "1: secretariat_group: no group 'no-such-group-here'"),
    ("alerts:\n  retries: -1\n", "2: alerts.retries: Input should be greater than or equal to 0"),
    ("alerts:\n  urls: mailtos://x\n", "2: alerts.urls: Input should be a valid tuple"),
    ("briefing: {horizon_weeks: 0}\n", "1: briefing.horizon_weeks: Input should be greater than"),
    ("- a list\n", "1: settings must be a mapping of keys"),
    ("timezone: [unclosed\n", "2: malformed YAML"),
])
def test_bad_values_are_errors_at_their_line(tmp_path: Path, text: str, expected: str) -> None:
    path = settings_file(tmp_path, text)
    assert str(problem(path)).startswith(f"{path}:{expected}")


def test_the_cli_reports_a_settings_error_once_and_exits_2(tmp_path: Path) -> None:
    path = settings_file(tmp_path, "alerts: {url: [x]}\n")
    result = CliRunner().invoke(app, ["feeds", "--settings", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.count("error:") == 1 and "did you mean 'urls'?" in result.output
    assert not (tmp_path / "out").exists()


def test_the_environment_is_read_in_one_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANDATES_SETTINGS", str(settings_file(tmp_path, "flow_task_threshold: 20\n")))
    monkeypatch.setenv("MANDATES_DATABASE_URL", "sqlite:///state.db")
    monkeypatch.setenv("MANDATES_NO_CACHE", "1")
    monkeypatch.setenv("MANDATES_CHROMIUM", "")  # empty is unset
    env = environment()
    assert (env.settings, env.database_url, env.no_cache, env.chromium) == (
        tmp_path / "settings.yaml", "sqlite:///state.db", True, None)
    assert load_settings().flow_task_threshold == 20
    monkeypatch.setenv("MANDATES_NO_CACHE", "maybe")
    with pytest.raises(SettingsError, match=r"^MANDATES_NO_CACHE: Input should be a valid boolean"):
        environment()


def test_no_module_reads_a_mandates_variable_but_the_settings() -> None:
    """`git grep`: os.environ / getenv with a MANDATES_ name appear only in config/environ.py
    (re-exported by config/settings.py)."""
    found = subprocess.run(["git", "grep", "-n", "-E", r"(environ|getenv)", "--", "mandates", "flows",
                            "tasks"], cwd=REPOSITORY, capture_output=True, text=True, check=False)
    assert found.returncode in (0, 1), found.stderr
    readers = [line for line in found.stdout.splitlines()
               if "MANDATES_" in line or re.search(r"environ\.get\(|getenv\(", line)]
    assert [line for line in readers if not line.startswith("mandates/config/environ.py:")] == []
    fields = {f.name for f in dataclasses.fields(Environment)}
    for name in Environment.VARIABLES:
        assert name.removeprefix("MANDATES_").lower() in fields
