"""A warm `mandates` command line that forks one child per command, for the kill -9 trials:
`python fork_cli.py LOG_FOLDER`.

Each line on stdin is a JSON object `{"args": [...], "env": {...}, "log": "name"}`. The worker
forks; the child sets `env`, sends its output to LOG_FOLDER/name and runs `mandates ARGS` exactly
as the console script does (`mandates.cli.main`); the worker prints `{"pid": PID}`, waits for the
child and prints `{"exit": CODE}` or `{"signal": N}`. The imports are paid once, so a trial costs
what the command itself does, and the test can kill -9 the child at any point of its run.
Nothing here opens a database or a file of the test before forking.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

# The modules the commands under trial import lazily: loaded once, before any fork.
import mandates.cli
import mandates.commands.record
import mandates.commands.transfer
import mandates.config.processes
import mandates.feeds.publish
import mandates.store.db

del mandates  # only their import matters


def child(args: list[str], env: dict[str, str], log: Path) -> None:
    """Run one command in the forked child; never returns."""
    code = 70
    try:
        os.environ.update(env)
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        sys.argv = ["mandates", *args]
        from mandates.cli import main

        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def serve(folder: Path) -> None:
    """Read commands from stdin until it closes; answer each with its pid, then its outcome."""
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            child(request["args"], request.get("env", {}), folder / request.get("log", "child.log"))
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            print(json.dumps({"signal": os.WTERMSIG(status)}), flush=True)
        else:
            print(json.dumps({"exit": os.WEXITSTATUS(status)}), flush=True)


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
