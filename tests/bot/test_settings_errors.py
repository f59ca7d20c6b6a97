"""Bad settings and unusable databases at start: `phasewatch run` as a real process prints one
line, `phasewatch: error: …`, and exits 2; never a traceback, never a silent hang."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url

from tests.child_env import child_env
from tests.helpers import USER_AGENT


def run_phasewatch(*args: str, timeout: float = 60, **env: str) -> tuple[int, str, float]:
    """Run `phasewatch ARGS` (default `run`) with local EDGAR URLs; (status, stderr, seconds)."""
    full = child_env(
        **{
            "PHASEWATCH_EDGAR_URL": "http://127.0.0.1:9",
            "PHASEWATCH_EDGAR_DATA_URL": "http://127.0.0.1:9",
            "PHASEWATCH_SEC_USER_AGENT": USER_AGENT,
            "PHASEWATCH_HTTP_PORT": "0",
        }
        | env
    )
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", *(args or ("run",))],
        env=full,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return result.returncode, result.stderr, time.monotonic() - began


def the_error(status: int, stderr: str) -> str:
    """Assert exit 2 and exactly one `phasewatch: error:` line, no traceback; return the line."""
    assert status == 2, stderr
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("phasewatch: error: ")]
    assert len(errors) == 1, stderr
    assert stderr.rstrip().endswith(errors[0])
    return errors[0]


def closed_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


def test_http_port_in_use_is_one_line(tmp_path: Path) -> None:
    """Another process holds PHASEWATCH_HTTP_PORT: one line naming the port, exit 2."""
    with socket.create_server(("0.0.0.0", 0)) as taken:
        port = taken.getsockname()[1]
        status, stderr, _ = run_phasewatch(
            PHASEWATCH_DATABASE_URL=f"sqlite:///{tmp_path / 'p.db'}",
            PHASEWATCH_HTTP_PORT=str(port),
        )
    line = the_error(status, stderr)
    assert line == f"phasewatch: error: PHASEWATCH_HTTP_PORT={port}: cannot listen: " + (
        "Address already in use"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", "PHASEWATCH_DATABASE_URL is not a database URL: 'not a url'"),
        ("nosuchdb://host/db", "no driver for 'nosuchdb'"),
        ("postgresql+nosuchdriver://host/db", "no driver for 'postgresql+nosuchdriver'"),
    ],
    ids=["unparsable", "unknown-dialect", "unknown-driver"],
)
def test_unparsable_or_unknown_driver_database_url_is_one_line(url: str, expected: str) -> None:
    """A URL SQLAlchemy cannot parse, or whose driver does not exist: one line, exit 2."""
    status, stderr, _ = run_phasewatch(PHASEWATCH_DATABASE_URL=url)
    assert expected in the_error(status, stderr)


def test_unreachable_postgresql_is_one_line_without_the_password() -> None:
    """Nothing listens at the PostgreSQL address: 'Connection refused', password hidden."""
    port = closed_port()
    url = f"postgresql+psycopg://phasewatch:hunter2@127.0.0.1:{port}/phasewatch"
    status, stderr, _ = run_phasewatch(PHASEWATCH_DATABASE_URL=url)
    line = the_error(status, stderr)
    assert f"cannot open the database postgresql+psycopg://phasewatch:***@127.0.0.1:{port}" in line
    assert "Connection refused" in line
    assert "hunter2" not in stderr


def test_missing_postgresql_database_is_one_line() -> None:
    """The server answers but the database does not exist: its own message, one line."""
    base = os.environ.get("PHASEWATCH_TEST_DATABASE_URL")
    if not base:
        pytest.skip("PHASEWATCH_TEST_DATABASE_URL is not set: no PostgreSQL server to test against")
    missing = f"phasewatch_missing_{uuid.uuid4().hex[:8]}"
    url = make_url(base).set(database=missing).render_as_string(hide_password=False)
    status, stderr, _ = run_phasewatch(PHASEWATCH_DATABASE_URL=url)
    assert f'database "{missing}" does not exist' in the_error(status, stderr)


@contextlib.contextmanager
def silent_tcp_server() -> Iterator[int]:
    """A TCP server on 127.0.0.1 that accepts connections and never sends a byte."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                held.append(server.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield int(server.getsockname()[1])
    finally:
        stop.set()
        thread.join(2)
        for conn in held:
            conn.close()
        server.close()


def test_postgresql_host_that_never_answers_fails_within_the_connect_timeout() -> None:
    """A host that accepts TCP and never answers: one 'timeout' line after the 10 s connect
    timeout (CONNECT_SECONDS), not a silent hang."""
    with silent_tcp_server() as port:
        status, stderr, took = run_phasewatch(
            PHASEWATCH_DATABASE_URL=f"postgresql+psycopg://postgres@127.0.0.1:{port}/x",
            timeout=60,
        )
    assert "timeout" in the_error(status, stderr)
    assert took < 40


def test_missing_sqlite_directory_is_one_line(tmp_path: Path) -> None:
    """The SQLite file's directory does not exist: one line naming it."""
    path = tmp_path / "no" / "such" / "dir" / "p.db"
    status, stderr, _ = run_phasewatch(PHASEWATCH_DATABASE_URL=f"sqlite:///{path}")
    assert f"{path.parent} does not exist" in the_error(status, stderr)


def test_sqlite_path_that_is_a_directory_is_one_line(tmp_path: Path) -> None:
    """The SQLite 'file' is a directory: one line."""
    status, stderr, _ = run_phasewatch(PHASEWATCH_DATABASE_URL=f"sqlite:///{tmp_path}")
    assert "it is a directory" in the_error(status, stderr)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make `path` read-only for this process's children: chmod, or `chattr +i` as root (whom
    permission bits do not stop); skip when neither is possible."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], check=False).returncode:
        pytest.skip("running as root without a usable chattr: cannot make a path read-only")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_read_only_sqlite_file_is_one_line(tmp_path: Path) -> None:
    """An existing database file that cannot be written: one line, exit 2."""
    path = tmp_path / "p.db"
    status, _, _ = run_phasewatch("watch", "list", PHASEWATCH_DATABASE_URL=f"sqlite:///{path}")
    assert status == 0
    with read_only(path):
        status, stderr, _ = run_phasewatch(PHASEWATCH_DATABASE_URL=f"sqlite:///{path}")
    assert "the file is read-only" in the_error(status, stderr)


def test_read_only_sqlite_directory_is_one_line(tmp_path: Path) -> None:
    """The directory cannot be written (SQLite needs it for its -wal and -shm files): one line."""
    folder = tmp_path / "data"
    folder.mkdir()
    with read_only(folder):
        status, stderr, _ = run_phasewatch(PHASEWATCH_DATABASE_URL=f"sqlite:///{folder / 'p.db'}")
    assert f"{folder} is read-only" in the_error(status, stderr)


def test_corrupt_sqlite_file_is_one_line(tmp_path: Path) -> None:
    """A file that is not a SQLite database: SQLite's own words, one line."""
    path = tmp_path / "p.db"
    path.write_bytes(b"this is not a database, just some bytes\n" * 200)
    status, stderr, _ = run_phasewatch(PHASEWATCH_DATABASE_URL=f"sqlite:///{path}")
    assert "file is not a database" in the_error(status, stderr)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"PHASEWATCH_LOG_FORMAT": "xml"},
            "invalid PHASEWATCH_LOG_FORMAT='xml': Input should be 'text' or 'json'",
        ),
        (
            {"PHASEWATCH_FORMS": ""},
            "invalid PHASEWATCH_FORMS='': name at least one form, e.g. 8-K,8-K/A,6-K",
        ),
        (
            {"PHASEWATCH_FORMS": " , "},
            "invalid PHASEWATCH_FORMS=' , ': name at least one form",
        ),
        (
            {"PHASEWATCH_FORMS": "8-K,8K"},
            "invalid PHASEWATCH_FORMS='8-K,8K': unknown form '8K'; did you mean 8-K?",
        ),
    ],
    ids=["log-format-xml", "forms-empty", "forms-blank", "forms-8K"],
)
def test_log_format_and_forms_are_refused_with_one_line(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    """PHASEWATCH_LOG_FORMAT=xml and PHASEWATCH_FORMS='' (or unknown forms) are refused."""
    status, stderr, _ = run_phasewatch(  # timeout given, so that **env cannot stand for it
        timeout=60, PHASEWATCH_DATABASE_URL=f"sqlite:///{tmp_path / 'p.db'}", **env
    )
    assert expected in the_error(status, stderr)
    assert not (tmp_path / "p.db").exists()  # refused before anything was touched


@pytest.mark.parametrize(
    ("forms", "expected"),
    [
        ("8K", "unknown form '8K'; did you mean 8-K?"),
        ("<@U0BOSS>", "unknown form '<@U0BOSS>'"),
        ("10-K", "unknown form '10-K' (known: 8-K, 8-K/A, 6-K, 6-K/A)"),
    ],
    ids=["8K", "mention", "10-K"],
)
def test_cli_watch_add_refuses_unknown_forms(tmp_path: Path, forms: str, expected: str) -> None:
    """`phasewatch watch add all --forms 8K` is refused with the known set; nothing is stored."""
    url = f"sqlite:///{tmp_path / 'p.db'}"
    args = ("watch", "add", "all", "--channel", "C1", "--forms", forms)
    status, stderr, _ = run_phasewatch(*args, PHASEWATCH_DATABASE_URL=url)
    assert expected in the_error(status, stderr)
    status, stderr, _ = run_phasewatch("watch", "list", PHASEWATCH_DATABASE_URL=url)
    assert (status, stderr.strip()) == (0, "no watches")
