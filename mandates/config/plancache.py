"""A cache of compiled plans, keyed by the process's files (founding file, amendment files, known
cities) and the loader's own code.

The daily check reads the same process file every day; parsing a large YAML file costs far more
than reading back the plan it compiled to. Like Python's .pyc files, the cache lives in the
user's cache folder (MANDATES_CACHE_DIR overrides it; MANDATES_NO_CACHE=1 bypasses it; both read
through `config.environ`), is written with the one atomic writer (`store.files`), holds
only valid plans, and any change to the file or to the loader gives a new key.

Entries are keyed on the resolved path of the founding file and the content of what it is read
from: the same file named another way (relative or absolute, through a symbolic link) hits the
same entry, and a plan always names its files by their resolved paths (so a cached plan is good
from any working folder). A hit imports neither the loader nor the atomic writer.
"""

from __future__ import annotations

import hashlib
import pickle
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

from mandates.config.amendments import amendment_files
from mandates.config.environ import Environment, environment
from mandates.config.venues import venues_file
from mandates.config.yamlnodes import MAX_FILE_BYTES
from mandates.core.gcpause import paused_gc
from mandates.core.plan import Plan

# The code a compiled plan depends on: the whole loader package and the core it builds.
_CODE_PACKAGES = ("config", "core")


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of every module of the loader package and the core (any edit gives a new key)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for folder in _CODE_PACKAGES:
        for module in sorted((package / folder).rglob("*.py")):
            digest.update(module.relative_to(package).as_posix().encode())
            digest.update(module.read_bytes())
    # The holiday data a plan's calendar was computed from (config.holidaycal).
    digest.update(b"holidays " + _holidays_release().encode())
    return digest.hexdigest()[:16]


def _holidays_release() -> str:
    """The installed release of `holidays`: the name of its `.dist-info` folder beside the
    package (`holidays-0.62.dist-info`), without importing it or `importlib.metadata` (which
    cost a cache hit more than the rest of it, issue 12); `importlib.metadata` when there is no
    such folder (another kind of installation)."""
    from importlib.util import find_spec

    spec = find_spec("holidays")
    if spec is not None and spec.origin:
        found = sorted(p.name for p in Path(spec.origin).parent.parent.glob("holidays-*.dist-info"))
        if found:
            return " ".join(found)
    from importlib.metadata import version

    return version("holidays")


def _files_digest(path: Path) -> str:
    """A digest of what a plan is read from: the founding file, each amendment file (name and
    content) and the known cities (a venue's zone may come from them). Raises OSError."""
    digest = hashlib.sha256(path.read_bytes())
    for extra in (*amendment_files(path), venues_file(path.parent)):
        digest.update(b"\0" + extra.name.encode() + b"\0")
        with suppress(FileNotFoundError):
            digest.update(extra.read_bytes())
    return digest.hexdigest()[:32]


def cache_dir(env: Environment | None = None) -> Path:
    """Where compiled plans are kept: MANDATES_CACHE_DIR, else the user's cache folder."""
    configured = (env or environment()).cache_dir
    if configured is not None:
        return configured
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mandates", appauthor=False)) / "plans"


def _key(path: Path) -> str:
    """The entry's name: the resolved path, the content it is read from, the loader's code.
    Raises OSError."""
    named = hashlib.sha256(str(path).encode()).hexdigest()[:16]
    return f"{_files_digest(path)}-{named}-{_code_digest()}"


def load_plan(path: Path) -> Plan:
    """`config.loader.load_plan`, imported on a miss only."""
    from mandates.config.loader import load_plan as load

    return load(path)


def load_plan_cached(path: Path) -> Plan:
    """load_plan of the resolved path with the compiled-plan cache (same result; errors are
    never cached): `Plan.files` and every `Source` name the resolved path, whatever way `path`
    names the file.

    Raises ConfigError as load_plan does; SettingsError for a bad MANDATES_NO_CACHE.
    """
    path = path.resolve()
    env = environment()
    if env.no_cache or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
        return load_plan(path)  # (which refuses a file too large before reading it)
    entry = cache_dir(env) / f"{_key(path)}.pickle"
    if entry.exists():
        try:
            with paused_gc():
                plan = pickle.loads(entry.read_bytes())
            if isinstance(plan, Plan) and plan.files[:1] == (str(path),):
                return plan
        except Exception:  # a damaged entry is rebuilt
            entry.unlink(missing_ok=True)
    from mandates.errors import FileWriteError
    from mandates.store.files import Audience, write_file

    plan = load_plan(path)
    with paused_gc():  # a large plan's objects just made, walked by the collector for nothing
        plan.fingerprint  # noqa: B018  (computed once, kept in the entry: `Plan.fingerprint`)
        data = pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL)
    # Readable by its owner (and group) only: an entry is pickled data that is loaded back.
    with suppress(FileWriteError):  # a read-only cache folder only costs speed
        write_file(entry, data, Audience.SECRETARIAT)
    return plan
