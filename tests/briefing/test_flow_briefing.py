"""The `bureau_briefing` Prefect flow, run for real against a temporary Prefect server (issue 5, item 6)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def prefect_server() -> Iterator[None]:
    """A throwaway Prefect API (prefect_test_harness), for this module only."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def _artifact_markdown(key: str) -> str | None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    async def read() -> str | None:
        async with get_client() as client:
            wanted = ArtifactFilter(key=ArtifactFilterKey(any_=[key]))
            found = await client.read_artifacts(artifact_filter=wanted)
            return str(found[0].data) if found else None

    return asyncio.run(read())


def test_flow_writes_the_briefing_and_publishes_it(prefect_server: None, tmp_path: Path,
                                                   sqlite_url: str) -> None:
    from flows.bureau_briefing import bureau_briefing

    out = tmp_path / "briefings"
    written = bureau_briefing(as_of="2020-01-06", out_dir=str(out), database=sqlite_url,
                              formats=("md", "html"))
    names = sorted(Path(p).name for p in written)
    chart = "png" if any(n.endswith(".png") for n in names) else "svg"
    assert names == sorted([f"post2020-2020-01-06-{lang}.{ext}" for lang in ("en", "zh")
                            for ext in ("md", "html", chart)])
    markdown = (out / "post2020-2020-01-06-en.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Bureau briefing: Preparation of the post-2020 global biodiversity")
    assert _artifact_markdown("bureau-briefing-post2020") == markdown
    # The flow recorded one snapshot: a later briefing compares with it.
    later = bureau_briefing(as_of="2020-03-01", out_dir=str(out), database=sqlite_url, langs=("zh",),
                            formats=("html",))
    assert [Path(p).name for p in later] == ["post2020-2020-03-01-zh.html"]
    html = (out / "post2020-2020-03-01-zh.html").read_text(encoding="utf-8")
    assert "变化自上次简报（2020年1月6日）起计算。" in html
