"""The recorder's related resources (tasks/records.py): read with the flow run's own client, the
same list Prefect's events worker attaches to every event, read with a client of its own."""

from __future__ import annotations

from typing import Any


def test_related_resources_are_prefects_read_with_the_flow_runs_client(prefect_server: str) -> None:
    import asyncio

    from prefect import flow, tags
    from prefect.client.orchestration import get_client
    from prefect.context import FlowRunContext
    from prefect.events.related import related_resources_from_run_context

    from tasks.records import context_related

    async def prefects() -> list[dict[str, str]]:
        async with get_client() as client:
            return [dict(r.root) for r in await related_resources_from_run_context(client=client)]

    @flow(name="related-probe", persist_result=False)
    def probe() -> tuple[Any, Any]:
        context = FlowRunContext.get()
        assert context is not None
        return context_related(context.client), asyncio.run(prefects())  # type: ignore[arg-type]

    with tags("status:probe", "body:sbi"):
        ours, theirs = probe()
    assert ours == theirs
    ids = [r["prefect.resource.id"] for r in ours]
    assert any(i.startswith("prefect.flow-run.") for i in ids)
    assert any(i.startswith("prefect.flow.") for i in ids)
    assert {"prefect.tag.status:probe", "prefect.tag.body:sbi"} <= set(ids)
