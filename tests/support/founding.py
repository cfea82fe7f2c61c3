"""The bundled process as it was founded: a copy of `config/post2020.yaml` alone, without the
history shipped with it or its amendment files, for tests of commands whose expected values were
written from the founding text (`--config founding_folder()`)."""

from __future__ import annotations

import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from mandates.config.processes import bundled_config_dir


@lru_cache(maxsize=1)
def founding_folder() -> Path:
    """A folder holding only the founding file (made once per test session)."""
    folder = Path(tempfile.mkdtemp(prefix="mandates-founding-"))
    shutil.copy(bundled_config_dir() / "post2020.yaml", folder / "post2020.yaml")
    return folder
