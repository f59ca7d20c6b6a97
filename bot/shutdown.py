"""Waiting in the main thread for SIGTERM or SIGINT, whichever thread the kernel hands it to.

CPython runs a Python signal handler in the main thread only, and only when that thread next
executes bytecode. The kernel may deliver a signal sent to the process to any thread that does not
block it: a main thread asleep in `threading.Event.wait()` (sem_wait, no timeout) is then never
woken, and the process ignores SIGTERM. Under libfaketimeMT this happens often, since it blocks
every signal in a thread while that thread reads the faked clock. The C-level handler, though,
runs in whichever thread got the signal and writes the signal's number to the wakeup fd
(`signal.set_wakeup_fd`), so the main thread sleeps reading that socket instead.
"""

from __future__ import annotations

import signal
import socket
import threading
from collections.abc import Callable

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def install_stop_signals(stop: threading.Event) -> Callable[[], None]:
    """Set `stop` on SIGTERM/SIGINT (main thread only); return a function that blocks until then."""
    reader, writer = socket.socketpair()
    writer.setblocking(False)  # set_wakeup_fd wants a non-blocking fd
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    for sig in STOP_SIGNALS:
        signal.signal(sig, lambda *_: stop.set())
    wanted = {int(sig) for sig in STOP_SIGNALS}

    def wait_for_stop() -> None:
        try:
            # every delivery writes its byte before the Python handler runs: no wake-up is lost
            while not stop.is_set() and not wanted.intersection(reader.recv(64)):
                pass
        finally:
            stop.set()  # the Python handler may not have run yet: another thread got the signal
            signal.set_wakeup_fd(-1)
            reader.close()
            writer.close()

    return wait_for_stop
