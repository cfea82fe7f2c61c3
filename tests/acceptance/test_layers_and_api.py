"""The layout shows the design: a pure core usable without the CLI, layers enforced in CI.

Issue 8: "`mandates/__init__.py` gives `__version__` and the public API (`load_plan`, `evaluate`,
`Store`) so the core can be used without the CLI"; "`mandates/core/` (plan, facts, dates and due
rules, meeting state, graph, evaluation, diff — pure: no I/O, no clock, no environment, no
English)"; "Enforce the layers in CI with import-linter contracts (the core imports no framework
and nothing above it; edges import the core, never the reverse)"; "The core speaks in codes";
"`docs/architecture.md` shows the packages and the data flow as they are".

The core's imports are read from its source with `ast` (what a reviewer reads), not by importing.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pendulum
import pytest

from .helpers import REPO, cli_env, run_cli

CORE = REPO / "mandates" / "core"

# What the core must not import. The list of frameworks (typer, rich, sqlmodel,
# sqlalchemy, prefect, fastapi, icalendar, jinja2, yaml), and the other libraries that only do
# I/O at the edges (web server, alerts, migrations, database driver, user folders), since the
# core does no I/O.
FRAMEWORKS = {"typer", "rich", "sqlmodel", "sqlalchemy", "prefect", "fastapi", "icalendar",
              "jinja2", "yaml", "uvicorn", "apprise", "alembic", "psycopg", "platformdirs",
              "click", "starlette", "httpx"}
# Everything above the core in DESIGN.md's layers (core < config, words < store < report, feeds,
# briefing, alerts < cli, web, tasks < flows).
ABOVE_CORE = {"mandates.config", "mandates.words", "mandates.store", "mandates.report",
              "mandates.feeds", "mandates.briefing", "mandates.alerts", "mandates.cli",
              "mandates.web", "tasks", "flows"}
# Calls that read the clock, the environment or do I/O.
IMPURE_CALLS = {"now", "today", "utcnow", "getenv", "putenv", "open", "print", "input",
                "read_text", "write_text", "read_bytes", "write_bytes", "urlopen"}


def core_modules() -> list[Path]:
    modules = sorted(CORE.rglob("*.py"))
    assert modules, f"no modules under {CORE}"
    return modules


def imported_names(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) for every import of a module, relative ones resolved."""
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield node.lineno, module
            if module.count(".") < 2:  # `from mandates import words`, `from .. import words`
                for alias in node.names:
                    yield node.lineno, f"{module}.{alias.name}"


def _under(name: str, packages: set[str]) -> str | None:
    return next((p for p in packages if name == p or name.startswith(p + ".")), None)


@pytest.mark.parametrize("module", core_modules(), ids=lambda p: p.name)
def test_core_imports_no_framework_and_nothing_above_it(module: Path) -> None:
    problems = []
    for line, name in imported_names(module):
        if name.split(".")[0] in FRAMEWORKS:
            problems.append(f"{module.name}:{line}: imports the framework {name}")
        if above := _under(name, ABOVE_CORE):
            problems.append(f"{module.name}:{line}: imports {name}, above the core ({above})")
        if name in ("os.environ", "os.getenv"):
            problems.append(f"{module.name}:{line}: reads the environment ({name})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("module", core_modules(), ids=lambda p: p.name)
def test_core_reads_no_clock_environment_or_files(module: Path) -> None:
    problems = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr == "environ":
            problems.append(f"{module.name}:{node.lineno}: .environ")
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in IMPURE_CALLS:
                problems.append(f"{module.name}:{node.lineno}: calls {name}()")
            if (isinstance(func, ast.Attribute) and func.attr == "time"
                    and isinstance(func.value, ast.Name) and func.value.id == "time"):
                problems.append(f"{module.name}:{node.lineno}: calls time.time()")
    assert not problems, "\n".join(problems)


# --- import-linter --------------------------------------------------------------------------------


def _contracts() -> list[dict[str, Any]]:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    config = pyproject.get("tool", {}).get("importlinter")
    assert config, "pyproject.toml has no [tool.importlinter]"
    contracts = config.get("contracts", [])
    assert contracts, "[tool.importlinter] declares no contracts"
    return list(contracts)


def _layer_names(contract: dict[str, Any]) -> list[set[str]]:
    containers = contract.get("containers") or [""]
    layers = []
    for layer in contract.get("layers", []):
        names = {n.strip().strip("()") for n in re.split(r"[|:]", layer) if n.strip()}
        layers.append({f"{c}.{n}" if c else n for n in names for c in containers})
    return layers


def test_import_linter_contracts_state_the_layers() -> None:
    contracts = _contracts()
    forbidden = [c for c in contracts if c.get("type") == "forbidden"
                 and any(s.startswith("mandates.core") for s in c.get("source_modules", []))]
    covered = set().union(*(set(c.get("forbidden_modules", [])) for c in forbidden)) if forbidden else set()
    required = {"typer", "rich", "sqlmodel", "sqlalchemy", "prefect", "fastapi", "icalendar",
                "jinja2", "yaml"}
    assert required <= covered, (
        f"no forbidden contract keeps {sorted(required - covered)} out of mandates.core")

    layered = [_layer_names(c) for c in contracts if c.get("type") == "layers"]
    assert layered, "no layers contract"

    def index(layers: list[set[str]], module: str) -> int | None:
        return next((i for i, names in enumerate(layers) if module in names), None)

    ok = False
    for layers in layered:
        core, cli, web = (index(layers, m) for m in ("mandates.core", "mandates.cli", "mandates.web"))
        if core is not None and cli is not None and web is not None and core > max(cli, web):
            ok = True
    assert ok, f"no layers contract puts mandates.cli and mandates.web above mandates.core: {layered}"


def test_import_linter_contracts_pass_or_run_in_ci() -> None:
    _contracts()
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which(
        "lint-imports")
    if lint_imports:
        done = subprocess.run([lint_imports], cwd=REPO, capture_output=True, text=True, timeout=120,
                              check=False)
        assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    else:
        ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
        assert "lint-imports" in ci, "import-linter is not installed here and .ci/run does not run it"


# --- the public API ------------------------------------------------------------------------------


def test_version_is_the_package_version() -> None:
    import mandates

    assert re.fullmatch(r"\d+\.\d+(\.\d+)?([a-z0-9.+-]*)", mandates.__version__), mandates.__version__
    assert importlib.metadata.version("mandates") == mandates.__version__


def test_cli_prints_its_version(tmp_path: Path) -> None:
    import mandates

    result = run_cli(["--version"], cli_env(tmp_path / "state.db", tmp_path / "cache"), tmp_path)
    assert result.returncode == 0, result.explain()
    assert mandates.__version__ in result.stdout, result.explain()


def _by_id(outputs: Any, item: str) -> Any:
    if isinstance(outputs, dict):
        return outputs[item]
    return next(o for o in outputs if getattr(o, "id", None) == item)


def _day(value: Any) -> str:
    return str(getattr(value, "on", value))


def _name(value: Any) -> str:
    return str(value.value if isinstance(value, Enum) else value)


def test_load_plan_and_evaluate_without_the_cli() -> None:
    """The bundled plan as of Monday 6 January 2020, no facts: the WG2020-2 documents are due 13th."""
    import mandates

    plan = mandates.load_plan()
    evaluation = mandates.evaluate(plan, [], pendulum.Date(2020, 1, 6))
    documents = _by_id(evaluation.outputs, "wg2020-2-documents")
    assert _day(documents.due) == "2020-01-13"
    assert _name(documents.status) == "due_soon"


def test_store_reads_facts_the_cli_recorded(tmp_path: Path) -> None:
    import mandates

    database = tmp_path / "state.db"
    # the detailed workplan (para 6): not delivered by the history shipped with the process
    recorded = run_cli(["deliver", "detailed-workplan", "--on", "2020-01-10"],
                       cli_env(database, tmp_path / "cache"), tmp_path)
    assert recorded.returncode == 0, recorded.explain()
    store = mandates.Store(f"sqlite:///{database}")
    try:
        facts = list(store.facts("post2020"))
        assert len(facts) == 1, facts
        evaluation = mandates.evaluate(mandates.load_plan(), facts, pendulum.Date(2020, 1, 13))
        assert _name(_by_id(evaluation.outputs, "detailed-workplan").status) == "delivered"
    finally:
        getattr(store, "dispose", lambda: None)()


def test_public_api_needs_no_edge_framework(tmp_path: Path) -> None:
    """Loading and evaluating imports neither the CLI, the web edge, nor their frameworks."""
    script = (
        "import json, sys, pendulum, mandates\n"
        "plan = mandates.load_plan()\n"
        "mandates.evaluate(plan, [], pendulum.Date(2020, 1, 6))\n"
        "print(json.dumps(sorted(m for m in sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env=cli_env(tmp_path / "state.db", tmp_path / "cache"), cwd=tmp_path,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = set(json.loads(done.stdout))
    edges = {m for m in loaded if m.split(".")[0] in {"typer", "fastapi", "uvicorn", "prefect", "rich"}
             or m in ("mandates.cli", "mandates.web")}
    assert not edges, sorted(edges)


def _strings(value: Any, path: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    """Every string the evaluation computed, outside the plan and the facts it was given."""
    if depth > 5 or value is None:
        return
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Enum | int | float | bool):
        return
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}[{key!r}]", depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]", depth + 1)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            # The plan's own objects (titles, venues: bilingual data) and the facts (user text)
            # are inputs of the evaluation, not what it says.
            if field.name in {"plan", "output", "meeting", "facts", "fact", "title", "venue"}:
                continue
            yield from _strings(getattr(value, field.name), f"{path}.{field.name}", depth + 1)


def test_core_evaluation_speaks_in_codes_not_english() -> None:
    """The evaluation's results carry codes and values; words/ writes the sentences."""
    import mandates

    evaluation = mandates.evaluate(mandates.load_plan(), [], pendulum.Date(2020, 1, 6))
    month = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    prose = re.compile(rf"\b[A-Za-z]+ [a-z]+ [a-z]+\b|\b{month} \d{{4}}\b")
    found = [f"{path}: {text!r}" for name in ("outputs", "late_inputs", "meetings", "critical_chain")
             for path, text in _strings(getattr(evaluation, name, None), name) if prose.search(text)]
    assert not found, "\n".join(found[:20])


# --- the documentation ---------------------------------------------------------------------------


def test_architecture_doc_shows_the_packages_as_they_are() -> None:
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = sorted(p.parent.name for p in (REPO / "mandates").glob("*/__init__.py"))
    assert packages, "no packages under mandates/"
    unnamed = [p for p in packages
               if not any(form in doc for form in (f"{p}/", f"mandates.{p}", f"mandates/{p}", f"`{p}`"))]
    assert not unnamed, f"docs/architecture.md does not show the packages {unnamed}"
    existing = {p.name for p in REPO.rglob("*.py")
                if not {".venv", "node_modules", ".git"} & set(p.relative_to(REPO).parts)}
    stale = sorted({name for name in re.findall(r"\b([a-z_][a-z0-9_]*\.py)\b", doc)} - existing)
    assert not stale, f"docs/architecture.md names modules that do not exist: {stale}"
