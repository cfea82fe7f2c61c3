"""Benchmark: `mandates serve` against nginx configured by `mandates nginx-config`, on the same
feed files, side by side in one run (issue 12, part 4: nginx must answer >= 10x the rate).

Publishes the feeds of the bundled process (6 January 2020), starts `mandates serve` (one
uvicorn process, access log on, as users run it) and Debian's nginx (`worker_processes auto`,
access log on) in front of it, then loads each with wrk (Debian package `wrk`, installed with
apt-get when missing and run as root): conditional GETs of `all.en.ics` answered 304
(If-None-Match with each server's own ETag) and full GETs (200, the whole feed). Runs are
interleaved (serve, nginx, nginx, serve, ...) so that the load other processes put on the
machine falls on both; the figure is the median of the rounds and the ratio nginx / serve.
The load average before and after each run is recorded with the numbers.

    python bench/serve_bench.py                       # 3 rounds of 10 s, 64 connections
    python bench/serve_bench.py --rounds 5 --duration 20 --connections 128

Writes bench/out/serve_bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOKEN = "bench-secretariat-token"
TARGET_RATIO = 10.0
FEED = "/calendars/all.en.ics"


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def need(program: str, package: str) -> str:
    """The path of `program`, installing the Debian `package` with apt-get (as root) if missing."""
    found = shutil.which(program) or shutil.which(program, path="/usr/sbin:/usr/bin")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit(f"{program} is missing: apt-get install -y {package} (as root)")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    found = shutil.which(program) or shutil.which(program, path="/usr/sbin:/usr/bin")
    if not found:
        raise SystemExit(f"{program} still missing after installing {package}")
    return found


def publish(folder: Path) -> Path:
    """The feeds of the bundled process as of 6 January 2020 in `folder`/calendars."""
    import pendulum

    from mandates.config.processes import load_process
    from mandates.config.settings import FeedSettings, Settings
    from mandates.feeds.publish import publish as write
    from mandates.store.db import Store

    calendars = folder / "calendars"
    store = Store(f"sqlite:///{folder / 'state.db'}")
    write(load_process(None), store, pendulum.Date(2020, 1, 6),
          Settings(calendars_dir=calendars, feeds=FeedSettings(tokens={"secretariat": TOKEN})),
          calendars, pendulum.datetime(2020, 1, 6, 7, tz="UTC"))
    store.dispose()
    return calendars


def wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    """Until `url` answers 200."""
    import httpx

    give_up = time.monotonic() + 60
    while time.monotonic() < give_up:
        if process.poll() is not None:
            raise SystemExit(f"the server of {url} exited with {process.returncode}")
        try:
            if httpx.get(url).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


def wrk(wrk_path: str, url: str, headers: dict[str, str], duration: int, connections: int,
        threads: int) -> dict[str, float]:
    """Requests per second, p99 latency and non-2xx/3xx answers measured by wrk."""
    command = [wrk_path, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return {"rps": rps, "errors": float(errors.group(1)) if errors else 0.0,
            "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan")}


def main() -> None:
    """Start both servers on the same files, load them in turn, print and save the figure."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    wrk_path, nginx_path = need("wrk", "wrk"), need("nginx", "nginx")
    import httpx

    results: dict[str, object] = {"cpus": os.cpu_count(), "duration_s": args.duration,
                                  "connections": args.connections, "threads": args.threads,
                                  "rounds": args.rounds, "runs": []}
    runs: list[dict[str, object]] = results["runs"]  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        calendars = publish(folder)
        settings = folder / "settings.yaml"
        settings.write_text(f"calendars_dir: {calendars}\nfeeds:\n  tokens:\n    secretariat: {TOKEN}\n",
                            encoding="utf-8")
        serve_port, nginx_port = free_port(), free_port()
        prefix = folder / "nginx"
        prefix.mkdir()
        mandates = [sys.executable, "-m", "mandates.cli"]
        subprocess.run([*mandates, "nginx-config", "--settings", str(settings), "--standalone",
                        "--listen", f"127.0.0.1:{nginx_port}", "--upstream", f"127.0.0.1:{serve_port}",
                        "-o", str(prefix / "nginx.conf")], check=True, capture_output=True)
        env = {**os.environ, "MANDATES_DATABASE_URL": f"sqlite:///{folder / 'state.db'}",
               "MANDATES_SETTINGS": str(settings)}
        serve = subprocess.Popen([*mandates, "serve", "--port", str(serve_port)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        user = " user root;" if os.geteuid() == 0 else ""  # root: workers as the files' owner
        nginx = subprocess.Popen([nginx_path, "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                                  "-e", "stderr", "-g", f"daemon off; error_log stderr;{user}"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        servers = {"mandates serve": f"http://127.0.0.1:{serve_port}",
                   "nginx": f"http://127.0.0.1:{nginx_port}"}
        try:
            for url in servers.values():
                wait_for(url + FEED, serve if url.endswith(str(serve_port)) else nginx)
            bodies = {name: httpx.get(url + FEED) for name, url in servers.items()}
            assert bodies["nginx"].content == bodies["mandates serve"].content
            etags = {name: answer.headers["etag"] for name, answer in bodies.items()}
            for name, url in servers.items():
                assert httpx.get(url + FEED, headers={"If-None-Match": etags[name]}).status_code == 304
            results["feed_bytes"] = len(bodies["nginx"].content)
            order = list(servers)
            for round_ in range(args.rounds):
                for name in order if round_ % 2 == 0 else reversed(order):
                    for kind, headers in (("conditional GET (304)", {"If-None-Match": etags[name]}),
                                          ("full GET (200)", {})):
                        load_before = os.getloadavg()[0]
                        numbers = wrk(wrk_path, servers[name] + FEED, headers, args.duration,
                                      args.connections, args.threads)
                        run = {"round": round_, "server": name, "kind": kind, **numbers,
                               "load_before": load_before, "load_after": os.getloadavg()[0]}
                        runs.append(run)
                        print(f"round {round_ + 1} {name:>14} {kind:>22}: {numbers['rps']:9.0f} req/s, "
                              f"p99 {numbers['p99_ms']:7.1f} ms, errors {numbers['errors']:.0f}, "
                              f"load {load_before:.1f}", flush=True)
        finally:
            for process in (nginx, serve):
                process.terminate()
                process.wait(timeout=30)
    summary: dict[str, dict[str, float]] = {}
    for kind in ("conditional GET (304)", "full GET (200)"):
        medians = {name: statistics.median(float(r["rps"]) for r in runs  # type: ignore[arg-type]
                                           if r["server"] == name and r["kind"] == kind)
                   for name in ("mandates serve", "nginx")}
        summary[kind] = {**medians, "ratio": medians["nginx"] / medians["mandates serve"]}
    results["summary"] = summary
    loads = [float(r[k]) for r in runs for k in ("load_before", "load_after")]  # type: ignore[arg-type]
    results["load_average"] = {"min": min(loads), "max": max(loads)}
    print(f"\n{'':>22} {'mandates serve':>15} {'nginx':>10} {'ratio':>7}   (medians of {args.rounds} "
          f"rounds, {args.connections} connections, wrk -t{args.threads}, {args.duration} s, "
          f"{os.cpu_count()} CPUs, load average {min(loads):.1f}-{max(loads):.1f})")
    for kind, row in summary.items():
        print(f"{kind:>22} {row['mandates serve']:>15,.0f} {row['nginx']:>10,.0f} {row['ratio']:>6.1f}x")
    ratio = summary["conditional GET (304)"]["ratio"]
    print(f"target: nginx >= {TARGET_RATIO:.0f}x mandates serve on conditional GETs: "
          f"{'meets' if ratio >= TARGET_RATIO else 'MISSES'} ({ratio:.1f}x)")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "serve_bench.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
