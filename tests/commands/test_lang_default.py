"""The installation's language (issue 10, part 1): `language: en|zh` in the settings (the bundled
config/settings.yaml, or the file MANDATES_SETTINGS or --settings names) and the environment
variable MANDATES_LANG choose what commands print in when `--lang` is not given; `--lang` wins,
then MANDATES_LANG, then the settings. A value other than en or zh is refused, naming the file
and line or the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mandates.commands.language import read_language
from mandates.config.settings import Settings, SettingsError, load_settings
from mandates.store.db import Store

Run = Callable[..., str]  # the fixture of conftest.py
ENGLISH = "process post2020: 29 meetings"
CHINESE = "进程post2020：29次会议"


def settings(folder: Path, text: str) -> Path:
    path = folder / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_default_is_english(run: Run) -> None:
    assert ENGLISH in run("validate")
    assert load_settings().language == "en"


def test_the_settings_language_is_the_default(run: Run, tmp_path: Path) -> None:
    zh = settings(tmp_path, "timezone: UTC\nlanguage: zh   # the secretariat's working language\n")
    env = {"MANDATES_SETTINGS": str(zh)}
    assert CHINESE in run("validate", env=env)
    assert "已登记#1：" in run("note", "cop-15", "x", "--on", "2020-01-01", env=env)
    assert ENGLISH in run("validate", "--lang", "en", env=env)  # --lang wins
    assert load_settings(zh).language == "zh"  # the settings loader reads the same key


def test_mandates_lang_wins_over_the_settings(run: Run, tmp_path: Path) -> None:
    en = settings(tmp_path, 'language: "en"\n')
    assert CHINESE in run("validate", env={"MANDATES_LANG": "zh", "MANDATES_SETTINGS": str(en)})
    assert CHINESE in run("validate", env={"MANDATES_LANG": " ZH "})
    assert ENGLISH in run("validate", "--lang", "en", env={"MANDATES_LANG": "zh"})
    # errors before the command's own work are answered in that language too
    said = run("show", "no-such-id", env={"MANDATES_LANG": "zh"}, code=2)
    assert said.startswith("错误：未知的编号no-such-id")


def test_bad_values_are_refused_with_file_line_or_variable(run: Run, tmp_path: Path) -> None:
    fr = settings(tmp_path, "timezone: UTC\nlanguage: fr\n")
    said = run("validate", env={"MANDATES_SETTINGS": str(fr)}, code=2)
    assert said.strip() == f"error: {fr}:2: language: Input should be 'en' or 'zh'"
    with pytest.raises(SettingsError, match=r":2: language: Input should be 'en' or 'zh'"):
        load_settings(fr)
    said = run("validate", env={"MANDATES_LANG": "de"}, code=2)
    assert said.strip() == "error: MANDATES_LANG: Input should be 'en' or 'zh' (given 'de')"


def test_the_light_reader_agrees_with_the_loader(tmp_path: Path) -> None:
    """`read_language` (no YAML, no pydantic) reads what `load_settings` reads."""
    cases = {"language: zh\n": "zh", "language: 'en'  # comment\n": "en", "timezone: UTC\n": None,
             "language:\n": None, "alerts:\n  language: zh\n": None}
    for text, expected in cases.items():
        path = settings(tmp_path, text)
        assert read_language(path) == expected, text
        if text.startswith("alerts"):
            continue  # not a key of alerts: the loader refuses it
        assert load_settings(path).language == (expected or "en"), text
    assert Settings(language="zh").language == "zh"


def test_a_chinese_installation_still_starts_cheaply(tmp_path: Path) -> None:
    """With `language: zh` in the settings, `mandates check` does not import pydantic (nor the
    frameworks of tests/test_startup.py) to read it: the key is scanned, not loaded."""
    zh = settings(tmp_path, "language: zh\n")
    url = f"sqlite:///{tmp_path / 'state.db'}"
    Store(url).dispose()  # a database at the current schema: the read path, as tests/test_startup.py
    code = ("import sys; from mandates.cli import main; sys.argv = ['mandates', 'check', "
            "'--as-of', '2020-01-06']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('\\nMODULES', sorted({m.split('.')[0] for m in sys.modules}))")
    env = {**os.environ, "MANDATES_SETTINGS": str(zh), "MANDATES_DATABASE_URL": url,
           "MANDATES_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("MANDATES_LANG", None)
    for _ in range(2):  # the first fills the plan cache; the second is the daily case
        done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                              capture_output=True, text=True, check=True)
    assert "逾期" in done.stdout
    modules = done.stdout.rsplit("MODULES", 1)[1]
    for heavy in ("pydantic", "pydantic_settings", "prefect", "fastapi", "jinja2", "babel",
                  "sqlmodel"):
        assert f"'{heavy}'" not in modules, heavy
