"""SIGTERM stops `phasewatch run` whichever of its threads the kernel hands the signal to."""

from __future__ import annotations

import ctypes
import signal
from pathlib import Path

import pytest

from tests.edgar_server import FakeEdgar
from tests.helpers import serve_feeds
from tests.service_process import start_service
from tests.slack_server import FakeSlack

ACME = (1990101, "ACMB", "Acme Biologics, Inc.")
TASKS = Path("/proc/self/task")


def _send_to_a_worker_thread(pid: int, sig: int) -> int:
    """tgkill(2) `sig` to one thread of `pid` other than its main thread; return that thread."""
    libc = ctypes.CDLL(None, use_errno=True)
    for tid in sorted(int(p.name) for p in Path(f"/proc/{pid}/task").iterdir()):
        if tid != pid and libc.tgkill(pid, tid, sig) == 0:
            return tid
    raise AssertionError(f"no thread of {pid} besides the main one took the signal")


@pytest.mark.skipif(not TASKS.is_dir(), reason="needs Linux's /proc/PID/task and tgkill")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stop_signal_delivered_to_a_worker_thread_still_stops_the_service(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, sig: signal.Signals
) -> None:
    """A stop signal that lands on a worker thread (as libfaketime often makes it) rather than
    the main one: `phasewatch run` still shuts down within seconds, exit status 0."""
    serve_feeds(edgar, [], [ACME])
    service = start_service(edgar, slack, db_url)
    try:
        tid = _send_to_a_worker_thread(service.process.pid, sig)
        assert tid != service.process.pid
        service.process.wait(timeout=10)
    finally:
        if service.process.poll() is None:
            service.kill()
    assert service.process.returncode == 0
    assert any("stopped" in line for line in service.lines)
