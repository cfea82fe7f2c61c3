"""Hostile and broken input (issue 11, parts 2 and 3): every refusal exits 2 with a one-screen
message and no traceback, and writes nothing; a bad fact that reached the database anyway (an
older release, a manual SQL edit) is set aside by the evaluation, not a crash.

The corpus is generated (`test_bad_inputs_corpus.py`): over 100 broken process files (control characters,
ids, duplicate process ids, a second YAML document, dates outside the span of the process, bad
numbers, a 33 MiB file, 2,000 errors) and over 50 bad facts (command lines and facts files),
each run through the real command line (`mandates.cli.app` under Typer's CliRunner). The facts
run on SQLite and on PostgreSQL; "nothing written" compares the database's facts and the
calendars folder before and after.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mandates.cli import app
from mandates.store.db import Store

HERE = Path(__file__).parent


def _corpus() -> Any:
    """`test_bad_inputs_corpus.py`, beside this file (it holds no tests, only the corpus)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bad_inputs_corpus",
                                                  HERE / "test_bad_inputs_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CORPUS = _corpus()
process_cases, fact_cases = CORPUS.process_cases, CORPUS.fact_cases
DATABASES = pytest.mark.parametrize("database", [
    "sqlite_url", pytest.param("postgres_url", marks=pytest.mark.postgres)])
SCREEN = 24
runner = CliRunner()
COUNTS: dict[str, int] = {"process files": 0, "facts": 0, "tracebacks": 0}


def _run(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    result = runner.invoke(app, args, env={"COLUMNS": "100", **env})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        COUNTS["tracebacks"] += 1
        raise AssertionError(f"{args[:3]} raised {result.exception!r}")
    return result.exit_code, result.output


def _refused(args: list[str], env: dict[str, str], name: str) -> str:
    code, output = _run(args, env)
    lines = output.splitlines()
    if "Traceback" in output:
        COUNTS["tracebacks"] += 1
    assert code == 2, f"{name}: exit {code}\n{output[:2000]}"
    assert "Traceback" not in output, f"{name}: {output[:2000]}"
    assert 0 < len(lines) <= SCREEN, f"{name}: {len(lines)} lines\n{output[:3000]}"
    return output


def _folder_state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _facts(url: str) -> list[tuple[Any, ...]]:
    store = Store(url)
    try:
        return [(f.fact_key, f.kind.value, f.subject, f.effective_on) for f in store.facts("post2020")]
    finally:
        store.dispose()


def _read_only(path: Path) -> None:
    """No one may write `path`, root included (chattr +i where the user is root)."""
    path.chmod(0o555 if path.is_dir() else 0o444)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)


def _writable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], check=False)
    path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture()
def calendars(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A calendars folder holding last week's feeds, and settings that point at it."""
    folder = tmp_path / "calendars"
    settings = tmp_path / "settings.yaml"
    settings.write_text(f"calendars_dir: {folder}\n", "utf-8")
    code, output = _run(["feeds", "--as-of", "2021-01-01", "--out", str(folder)],
                        {"MANDATES_DATABASE_URL": f"sqlite:///{tmp_path / 'feeds.db'}"})
    assert code == 0, output
    yield folder, {"MANDATES_SETTINGS": str(settings)}


def test_broken_process_files_are_refused_with_a_line_and_nothing_written(
        tmp_path: Path, calendars: tuple[Path, dict[str, str]], tally: Any) -> None:
    folder, env = calendars
    env = {**env, "MANDATES_DATABASE_URL": f"sqlite:///{tmp_path / 'state.db'}"}
    before = _folder_state(folder)
    cases = process_cases()
    assert len(cases) >= 100
    for index, (name, build) in enumerate(cases):
        case = tmp_path / f"case-{index}"
        case.mkdir()
        path = build(case)
        output = _refused(["validate", str(path)], env, name)
        assert "error:" in output, f"{name}: {output}"
        _refused(["feeds", "--config", str(path), "--as-of", "2020-02-01", "--out", str(folder)],
                 env, name)
        _refused(["check", "--config", str(path), "--as-of", "2020-02-01"], env, name)
        if path.is_file() and path.stat().st_size > 10_000_000:
            path.unlink()
        COUNTS["process files"] += 1
    assert _folder_state(folder) == before
    tally.add("bad inputs: broken process files refused (exit 2, one screen)", len(cases))


def test_what_each_refusal_says(tmp_path: Path) -> None:
    """The messages name the value and the bounds (spot checks of the corpus's kinds)."""
    env = {"MANDATES_DATABASE_URL": f"sqlite:///{tmp_path / 'state.db'}"}
    by_name = dict(process_cases())

    def said(name: str) -> str:
        case = tmp_path / name.replace(" ", "-")
        case.mkdir()
        return _refused(["validate", str(by_name[name](case))], env, name)

    assert "quiet.yaml:1: yaml: malformed YAML: the character U+001B is not allowed" in said(
        "ESC sequence in a comment")
    assert "process.id: 'quiet\\n' is not a valid id" in said("id of quiet with a trailing newline")
    assert "is 329 characters long; an id has at most 100" in said(
        "id of secretariat with 329 characters")
    assert "process 'quiet' is already defined in" in said("duplicate process ids")
    assert "a second YAML document" in said("second document")
    assert ("meetings[plenary].opens: 2051-01-01 is outside the dates of this process, "
            "2010-01-01..2050-12-31 (10 years before to 30 years after 2020-01-01, the first date "
            "of its founding file)") in said("meeting opens 2051-01-01")
    assert "outputs[survey].due.on: 9999-12-31 is outside the years 1990..2200" in said(
        "due on 9999-12-31")
    assert "amendment.effective_on: 2099-01-01 is outside the dates of this process" in said(
        "amendment effective 2099-01-01")
    assert "due_soon_days: -5 is out of range; valid: 0 to 365" in said("due_soon_days -5")
    assert "MB; a file read by mandates is at most 32 MiB" in said("33 MiB file")
    many = said("2000 errors")
    assert "... and 1980 more problems, not shown" in many
    assert "error: 2000 problems in the process configuration" in many


@DATABASES
def test_bad_facts_are_refused_and_nothing_is_written(
        database: str, request: pytest.FixtureRequest, tmp_path: Path,
        calendars: tuple[Path, dict[str, str]], tally: Any) -> None:
    url = request.getfixturevalue(database)
    folder, env = calendars
    env = {**env, "MANDATES_DATABASE_URL": url}
    code, output = _run(["cancel", "cop-15", "--announced", "2020-03-01"], env)
    assert code == 0, output
    before, files = _facts(url), _folder_state(folder)
    cases = fact_cases(tmp_path)
    assert len(cases) >= 50
    for name, args in cases:
        _refused(args, env, name)
        assert _facts(url) == before, name
        COUNTS["facts"] += 1
    # a database that cannot be written, a briefing into a folder that cannot be written
    shut = tmp_path / "shut"
    shut.mkdir()
    _read_only(shut)
    try:
        output = _refused(["brief", "--as-of", "2021-01-01", "-o", str(shut / "b.md")], env,
                          "brief into a read-only folder")
        assert "cannot write" in output
    finally:
        _writable(shut)
    assert list(shut.iterdir()) == []
    if database == "sqlite_url":
        path = Path(url.removeprefix("sqlite:///"))
        _read_only(path)
        try:
            output = _refused(["deliver", "sbi-3-recs-mainstreaming", "--on", "2021-01-01"], env,
                              "deliver into a read-only SQLite file")
        finally:
            _writable(path)
    else:
        read_only = url + "%20-cdefault_transaction_read_only%3Don"
        output = _refused(["deliver", "sbi-3-recs-mainstreaming", "--on", "2021-01-01",
                           "--database", read_only], env, "deliver into a read-only PostgreSQL session")
    assert "cannot record in the database" in output and "nothing was recorded" in output
    COUNTS["facts"] += 2
    assert _facts(url) == before
    assert _folder_state(folder) == files
    tally.add("bad inputs: bad facts refused (exit 2, nothing written)", len(cases) + 2)


def _insert_bad_facts(url: str) -> None:
    """Bad facts written straight into the database, as an older release or a manual edit might."""
    from sqlalchemy import text

    store = Store(url)
    rows = [
        ("rescheduled", "cop-15", "2020-01-02", "9999-12-30", "9999-12-31", "bad-far", "day"),
        ("delivered", "wg2020-1-outcome", "0001-01-01", None, None, "bad-year-1", "day"),
        ("rescheduled", "wg2020-3", "2020-01-02", "2070-01-01", "2070-01-02", "bad-2070", "day"),
        ("delivered", "no-such-output", "2020-01-01", None, None, "bad-subject", "day"),
        ("rescheduled", "wg2020-3", "2020-01-02", "2021-01-04", "2021-01-01", "bad-order", "day"),
        ("exploded", "cop-15", "2020-01-02", None, None, "bad-kind", "day"),
        ("rescheduled", "wg2020-4", "2020-01-02", "2021-01-01", "2021-01-14", "bad-precision",
         "fortnight"),
    ]
    try:
        with store.engine.begin() as conn:
            for kind, subject, effective, opens, closes, key, precision in rows:
                conn.execute(text(
                    "INSERT INTO fact (process, kind, subject, effective_on, recorded_at, opens_on, "
                    "closes_on, key, tentative, approximate, precision, written_in) VALUES "
                    "('post2020', :kind, :subject, :effective, :recorded, :opens, :closes, :key, "
                    "false, false, :precision, 'en')"),
                    {"kind": kind, "subject": subject, "effective": effective,
                     "recorded": "2020-01-02 00:00:00+00:00", "opens": opens, "closes": closes,
                     "key": key, "precision": precision})
    finally:
        store.dispose()


@DATABASES
def test_a_bad_fact_in_the_database_is_set_aside_and_everything_still_runs(
        database: str, request: pytest.FixtureRequest, tmp_path: Path, receivers: Any,
        tally: Any) -> None:
    url = request.getfixturevalue(database)
    receiver = receivers("smtp")
    settings = tmp_path / "settings.yaml"
    settings.write_text(f"calendars_dir: {tmp_path / 'calendars'}\nalerts:\n  retries: 0\n  urls:\n"
                        f"    - '{receiver.url}'\n", "utf-8")
    env = {"MANDATES_DATABASE_URL": url, "MANDATES_SETTINGS": str(settings)}
    assert _run(["check", "--as-of", "2020-01-01"], env)[0] == 0  # the schema, before the edit
    _insert_bad_facts(url)
    code, output = _run(["check", "--as-of", "2020-01-06"], env)
    assert code == 0, output
    assert "Facts set aside (5)" in output
    assert ("fact bad-far about cop-15 is set aside: its date Thursday 30 December 9999 is outside "
            "the dates of this process, Thursday 1 January 2009 to Friday 31 December 2049") in output
    assert "fact bad-kind about cop-15 is set aside: its kind 'exploded' cannot be read" in output
    code, output = _run(["check", "--as-of", "2020-01-06", "--lang", "zh"], env)
    assert code == 0 and "未予采用的事实（5）" in output and "关于wg2020-3的事实bad-2070未予采用" in output
    assert "关于wg2020-4的事实bad-precision未予采用：其精度“fortnight”无法读取" in output
    code, output = _run(["check", "--as-of", "2020-01-06", "--format", "json"], env)
    document = json.loads(output)
    assert [(s["key"], s["on"], s["reason_code"]) for s in document["set_aside"]] == [
        ("bad-far", "9999-12-30", "fact_set_aside"), ("bad-year-1", "0001-01-01", "fact_set_aside"),
        ("bad-2070", "2070-01-01", "fact_set_aside"), ("bad-kind", None, "fact_unreadable"),
        ("bad-precision", None, "fact_unreadable")]
    # (an unknown subject and days in the wrong order are ignored, as the transitions ignore
    # a fact they refuse: no crash either)
    assert _run(["feeds", "--as-of", "2020-01-06", "--out", str(tmp_path / "cal")], env)[0] == 0
    assert (tmp_path / "cal" / "all.en.ics").exists()
    code, output = _run(["brief", "--as-of", "2020-01-06", "-o", str(tmp_path / "b.md")], env)
    assert code == 0, output
    for command in (["history"], ["show", "cop-15"], ["export"]):
        assert _run(command, env)[0] == 0, command
    # withdrawn, a set-aside fact is no longer said
    code, output = _run(["withdraw", "bad-2070", "--on", "2020-01-03", "--reason", "typo"], env)
    assert code == 0, output
    code, output = _run(["withdraw", "bad-kind", "--on", "2020-01-03", "--reason", "typo"], env)
    assert code == 0, output
    assert "Facts set aside (3)" in _run(["check", "--as-of", "2020-01-06"], env)[1]
    assert "bad-kind" not in _run(["export"], env)[1].replace("voids: bad-kind", "")
    # the daily flow, end to end: it completes and the alerts go out
    run_env = {**os.environ, "MANDATES_SETTINGS": str(settings)}
    run_env.pop("PREFECT_API_URL", None)
    run_env.pop("PREFECT_HOME", None)
    done = subprocess.run([sys.executable, str(HERE / "daily_run.py"), url, "2020-01-06"],
                          cwd=tmp_path, env=run_env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary, done.stdout[-3000:]
    # no traceback through our code (the temporary Prefect server may log its own, under load,
    # as it shuts down: a task-run recorder cancelled mid-flush)
    ours = re.compile(r'File ".*/(mandates|flows|tasks)/[^"]*\.py"')
    assert not ours.search(done.stdout + done.stderr), done.stdout[-3000:] + done.stderr[-3000:]
    assert len(receiver.texts) == 1
    tally.add("bad inputs: bad facts in the database set aside, every command and the flow ran", 3)


def test_zz_the_figure(tally: Any) -> None:
    """The figure of this file, one line (run last in file order), and no traceback anywhere."""
    line = (f"bad inputs: {COUNTS['process files']} process files, {COUNTS['facts']} facts, "
            f"{COUNTS['tracebacks']} tracebacks")
    print(line)
    for name in ("process files", "facts", "tracebacks"):
        tally.add(f"bad inputs: {name}", COUNTS[name])
    assert COUNTS["tracebacks"] == 0
