"""Benchmark of the feeds: writing them, and serving them with `mandates serve` (issue 4).

Writes the feeds of the bundled process (and of synthetic ones, if sizes are given), starts
`mandates serve` in its own process, and loads it with wrk (Debian: `apt-get install wrk`) or,
without wrk, an async client (raw asyncio keep-alive connections; `--tool httpx` for httpx,
which is itself the bottleneck at ~350 requests/s): full GETs of all.en.ics and conditional
GETs (If-None-Match, answered 304). The target is 2,000 conditional GETs per second on a 2-core machine.

    python bench/feeds_bench.py                    # bundled process, 10 s per load
    python bench/feeds_bench.py --duration 30 --connections 128 --tool asyncio
    python bench/feeds_bench.py --sizes 1000       # also time writing feeds for 1,000 outputs

Publishing as users run it (issue 12, part 2): `--publish 10000 100000` times whole processes,
`mandates feeds` cold (empty calendars folder and database), again with nothing changed, and
the next day (nothing recorded: every item and the history derived again, only what the date
changed rendered again) and that again (nothing changed since), and `mandates check --format
json` on the day and the next, with wall time, CPU time and peak RSS of
each process (`os.wait4`), on synthetic processes (`bench/generate.py`; the compiled plan
cached beforehand, untimed).
`--reference DIR` runs the same commands, interleaved, with the `mandates` package of another
checkout (e.g. `git worktree add --detach /tmp/base <commit>`) for a side-by-side figure;
`--reference-sizes` limits the sizes it runs at (the old code takes minutes at 100,000).

    python bench/feeds_bench.py --publish 10000 100000 --reference /tmp/base \
        --reference-sizes 10000 --rounds 3 --no-serve
    python bench/feeds_bench.py --publish 10000 --side-by-side --as-of 2021-06-01 --no-serve \
        --reference /tmp/base --rounds 1    # the TaskJuggler comparison's process
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_CONDITIONAL = 2_000


def write_feeds(folder: Path, config: Path | None) -> tuple[float, int, int]:
    """Write every feed into `folder`; (seconds, files, bytes)."""
    import pendulum

    from mandates.config.processes import load_process
    from mandates.config.settings import load_settings
    from mandates.feeds.publish import publish
    from mandates.store.db import Store

    plan = load_process(config)
    store = Store(f"sqlite:///{folder / 'state.db'}")
    started = time.perf_counter()
    paths = publish(plan, store, pendulum.Date(2020, 1, 6), load_settings(), folder / "calendars",
                    pendulum.datetime(2020, 1, 6, 7, tz="UTC"))
    seconds = time.perf_counter() - started
    store.dispose()
    return seconds, len(paths), sum(p.stat().st_size for p in paths)


def run_process(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run a whole process; (wall seconds, peak RSS in MiB of that process alone, CPU seconds:
    user and system, which a loaded machine disturbs less than wall time)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0, 1):  # check exits 1 when something is overdue
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {error[-2000:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def publishing(sizes: list[int], reference: Path | None, reference_sizes: list[int] | None,
               rounds: int, folder: Path, uniform: bool = False, day: str = "2021-01-06"
               ) -> dict[str, object]:
    """Cold, nothing-changed and next-day publications and the JSON check (the day and the
    next), as whole processes, this code and (interleaved) the reference's; medians over
    `rounds`. `uniform`: the side-by-side process of the TaskJuggler comparison."""
    sys.path.insert(0, str(HERE))
    from generate import generate, side_by_side, side_by_side_yaml

    following = (date.fromisoformat(day) + timedelta(days=1)).isoformat()

    results: dict[str, object] = {}
    codes = {"this": None} | ({"reference": reference} if reference else {})
    for outputs in sizes:
        work = folder / f"publish{outputs}"
        work.mkdir()
        config = work / "process.yaml"
        config.write_text(side_by_side_yaml(side_by_side(outputs)) if uniform else generate(outputs),
                          encoding="utf-8")
        measured: dict[str, dict[str, list[tuple[float, float, float]]]] = {}
        for round_ in range(rounds):
            for name, code in codes.items():
                if name == "reference" and reference_sizes is not None and outputs not in reference_sizes:
                    continue
                env = {**os.environ, "MANDATES_CACHE_DIR": str(work / "plans"),
                       "PYTHONPATH": str(code) if code else "", "MANDATES_SETTINGS": ""}
                where = work / f"{name}{round_}"
                database = f"sqlite:///{where}/state.db"
                where.mkdir()
                base = [sys.executable, "-m", "mandates.cli"]
                common = ["--config", str(config), "--as-of", day, "--database", database]
                if round_ == 0:
                    run_process([*base, "check", *common, "--format", "json"], env)  # plan cache
                feeds = [*base, "feeds", *common, "--out", str(where / "calendars")]
                runs = measured.setdefault(name, {})
                runs.setdefault("cold", []).append(run_process(feeds, env))
                runs.setdefault("nothing changed", []).append(run_process(feeds, env))
                runs.setdefault("check json", []).append(run_process(
                    [*base, "check", *common, "--format", "json"], env))
                tomorrow = ["--config", str(config), "--as-of", following, "--database", database]
                runs.setdefault("next day", []).append(run_process(
                    [*base, "feeds", *tomorrow, "--out", str(where / "calendars")], env))
                runs.setdefault("check json next day", []).append(run_process(
                    [*base, "check", *tomorrow, "--format", "json"], env))
                runs.setdefault("next day, nothing changed", []).append(run_process(
                    [*base, "feeds", *tomorrow, "--out", str(where / "calendars")], env))
                shutil.rmtree(where)
        for name, runs in measured.items():
            for what, values in runs.items():
                wall = sorted(v[0] for v in values)[len(values) // 2]
                cpu = sorted(v[2] for v in values)[len(values) // 2]
                rss = max(v[1] for v in values)
                results[f"{outputs} {name} {what}"] = {"wall_s": wall, "cpu_s": cpu, "peak_mib": rss,
                                                       "runs": values}
                print(f"{outputs:>7} outputs  {name:>9}  {what:>25}: {wall:7.2f} s wall, {cpu:7.2f} s "
                      f"CPU (medians of {len(values)}), peak {rss:6.0f} MiB")
            for what, (check, feeds) in {"check + feeds, nothing changed": ("check json", "nothing changed"),
                                         "check + feeds, next day": ("check json next day", "next day")
                                         }.items():
                cpu = sum(sorted(v[2] for v in runs[k])[len(runs[k]) // 2] for k in (check, feeds))
                results[f"{outputs} {name} {what}"] = {"cpu_s": cpu}
                print(f"{outputs:>7} outputs  {name:>9}  {what:>25}: {cpu:7.2f} s CPU (sum of medians)")
    return results


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(calendars: Path, database: str, port: int) -> subprocess.Popen[bytes]:
    """`mandates serve` in its own process, once it answers."""
    import httpx

    env = {**os.environ, "MANDATES_DATABASE_URL": database}
    process = subprocess.Popen([sys.executable, "-m", "mandates.cli", "serve", "--port", str(port),
                                "--calendars", str(calendars)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    give_up = time.monotonic() + 60
    while time.monotonic() < give_up:
        try:
            httpx.get(f"http://127.0.0.1:{port}/calendars/all.en.ics")
            return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("mandates serve did not start")


def with_wrk(url: str, headers: dict[str, str], duration: int, connections: int) -> dict[str, float]:
    """Requests per second measured by wrk (2 threads)."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return {"rps": rps, "errors": float(errors.group(1)) if errors else 0.0,
            "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan")}


def with_httpx(url: str, headers: dict[str, str], duration: int, connections: int,
               expected: int) -> dict[str, float]:
    """Requests per second from `connections` concurrent async httpx clients."""
    import httpx

    async def run() -> dict[str, float]:
        count = errors = 0
        stop = time.perf_counter() + duration
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        async with httpx.AsyncClient(limits=limits, headers=headers) as client:
            async def worker() -> None:
                nonlocal count, errors
                while time.perf_counter() < stop:
                    response = await client.get(url)
                    count += 1
                    errors += response.status_code != expected
            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(connections)))
            elapsed = time.perf_counter() - started
        return {"rps": count / elapsed, "errors": float(errors), "p99_ms": float("nan")}

    return asyncio.run(run())


def with_asyncio(url: str, headers: dict[str, str], duration: int, connections: int,
                 expected: int) -> dict[str, float]:
    """Requests per second from `connections` keep-alive HTTP/1.1 connections on raw asyncio
    streams: a lighter client than httpx, so that the client is not what is measured."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    path = "/" + url.split("//")[1].split("/", 1)[1]
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}\r\n".encode()
    length = re.compile(rb"(?i)\r\ncontent-length:\s*(\d+)")

    async def worker(stop: float) -> tuple[int, int, list[float]]:
        reader, writer = await asyncio.open_connection(host, int(port))
        count = errors = 0
        latencies: list[float] = []
        while time.perf_counter() < stop:
            sent = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            match = length.search(head)
            if match and status != 304:
                await reader.readexactly(int(match.group(1)))
            latencies.append(time.perf_counter() - sent)
            count += 1
            errors += status != expected
        writer.close()
        return count, errors, latencies

    async def run() -> dict[str, float]:
        started = time.perf_counter()
        done = await asyncio.gather(*(worker(started + duration) for _ in range(connections)))
        elapsed = time.perf_counter() - started
        latencies = sorted(x for _, _, lat in done for x in lat)
        p99 = latencies[int(len(latencies) * 0.99)] * 1000 if latencies else float("nan")
        return {"rps": sum(c for c, _, _ in done) / elapsed,
                "errors": float(sum(e for _, e, _ in done)), "p99_ms": p99}

    return asyncio.run(run())


def main() -> None:
    """Write the feeds, serve them, load the server; print and save the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--tool", choices=("auto", "wrk", "asyncio", "httpx"), default="auto")
    parser.add_argument("--sizes", type=int, nargs="*", default=[])
    parser.add_argument("--publish", type=int, nargs="*", default=[],
                        help="time `mandates feeds` (cold, nothing changed) and the JSON check")
    parser.add_argument("--reference", type=Path, help="another checkout to run side by side")
    parser.add_argument("--reference-sizes", type=int, nargs="*")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-serve", action="store_true", help="skip the server's load test")
    parser.add_argument("--side-by-side", action="store_true",
                        help="publish the uniform process of the TaskJuggler comparison")
    parser.add_argument("--as-of", default="2021-01-06", help="the day published (then the next)")
    args = parser.parse_args()
    if args.publish:
        with tempfile.TemporaryDirectory() as tmp:
            numbers = publishing(args.publish, args.reference, args.reference_sizes, args.rounds,
                                 Path(tmp), args.side_by_side, args.as_of)
        numbers["load"] = os.getloadavg()
        out = HERE / "out"
        out.mkdir(exist_ok=True)
        (out / "publish_bench.json").write_text(json.dumps(numbers, indent=1) + "\n", encoding="utf-8")
        print(f"load average at the end: {os.getloadavg()}")
    if args.no_serve:
        return
    tool = ("wrk" if shutil.which("wrk") else "asyncio") if args.tool == "auto" else args.tool
    results: dict[str, object] = {"cpus": os.cpu_count(), "tool": tool, "duration_s": args.duration,
                                  "connections": args.connections}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seconds, files, size = write_feeds(folder, None)
        print(f"bundled process: {files} feeds, {size / 1024:.0f} KiB, written in {seconds:.2f} s")
        results["write_bundled"] = {"seconds": seconds, "files": files, "bytes": size}
        for outputs in args.sizes:
            sys.path.insert(0, str(HERE))
            from generate import generate

            synthetic = folder / f"p{outputs}"
            synthetic.mkdir()
            (synthetic / "process.yaml").write_text(generate(outputs), encoding="utf-8")
            s, n, b = write_feeds(synthetic, synthetic / "process.yaml")
            print(f"{outputs} outputs: {n} feeds, {b / 2**20:.1f} MiB, written in {s:.2f} s")
            results[f"write_{outputs}"] = {"seconds": s, "files": n, "bytes": b}
        port = free_port()
        server = start_server(folder / "calendars", f"sqlite:///{folder / 'state.db'}", port)
        try:
            import httpx

            url = f"http://127.0.0.1:{port}/calendars/all.en.ics"
            etag = httpx.get(url).headers["etag"]
            assert httpx.get(url, headers={"If-None-Match": etag}).status_code == 304
            for name, headers, expected in (("full GET (200)", {}, 200),
                                            ("conditional GET (304)", {"If-None-Match": etag}, 304)):
                if tool == "wrk":
                    numbers = with_wrk(url, headers, args.duration, args.connections)
                elif tool == "asyncio":
                    numbers = with_asyncio(url, headers, args.duration, args.connections, expected)
                else:
                    numbers = with_httpx(url, headers, args.duration, args.connections, expected)
                results[name] = numbers
                print(f"{name:>22}: {numbers['rps']:8.0f} requests/s, p99 {numbers['p99_ms']:.1f} ms, "
                      f"errors {numbers['errors']:.0f}  ({tool}, {args.connections} connections, "
                      f"{args.duration} s)")
        finally:
            server.terminate()
            server.wait(timeout=30)
    conditional = results["conditional GET (304)"]
    assert isinstance(conditional, dict)
    verdict = "meets" if conditional["rps"] >= TARGET_CONDITIONAL else "MISSES"
    print(f"target: {TARGET_CONDITIONAL} conditional GETs/s on {os.cpu_count()} CPUs: {verdict}")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "feeds_bench.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
