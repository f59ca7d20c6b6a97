"""Start `phasewatch run` as a real child process against the local stand-ins."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.child_env import stand_in_env
from tests.edgar_server import FakeEdgar
from tests.slack_server import FakeSlack

PORT_LINE = re.compile(r"http on :(\d+)")


@dataclass
class Service:
    """A running `phasewatch run`: its process, HTTP port and collected log lines."""

    process: subprocess.Popen[str]
    port: int = 0
    lines: list[str] = field(default_factory=list)

    def get(self, path: str) -> tuple[int, str]:
        """GET a path of the service's HTTP server."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def stop(self, timeout: float = 15) -> float:
        """SIGTERM, wait for the exit, return how long it took."""
        began = time.monotonic()
        self.process.terminate()
        self.process.wait(timeout=timeout)
        return time.monotonic() - began

    def kill(self) -> None:
        """SIGKILL: no chance to clean up."""
        self.process.kill()
        self.process.wait(timeout=10)


def start_service(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, *, nofile: int | None = None, **env: str
) -> Service:
    """Start `phasewatch run` on a free port (with a file limit of `nofile`, when given);
    return once its HTTP server answers."""
    full = stand_in_env(
        edgar,
        slack,
        db_url,
        **{
            "PHASEWATCH_MAX_RPS": "10",
            "PHASEWATCH_POLL_SECONDS": "1",
            "PHASEWATCH_HTTP_PORT": "0",
            "SLACK_SIGNING_SECRET": "secret",
        }
        | env,
    )
    argv = [sys.executable, "-m", "bot.cli", "run"]
    process = subprocess.Popen(
        [*(["prlimit", f"--nofile={nofile}"] if nofile else []), *argv],
        env=full,
        text=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    service = Service(process)
    threading.Thread(target=_collect, args=(service,), daemon=True).start()
    deadline = time.monotonic() + 30
    while service.port == 0:
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError("phasewatch run did not start:\n" + "\n".join(service.lines))
        time.sleep(0.05)
    return service


def _collect(service: Service) -> None:
    assert service.process.stderr is not None
    for line in service.process.stderr:
        service.lines.append(line.rstrip())
        if service.port == 0 and (found := PORT_LINE.search(line)):
            service.port = int(found.group(1))


def wait_for(condition: Callable[[], object], timeout: float = 30, what: str = "condition") -> None:
    """Poll `condition()` until true or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
