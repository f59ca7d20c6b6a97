"""`phasewatch demo`: the real pipeline, offline, over sample filings phasewatch ships.

A local HTTP server on 127.0.0.1 (port 0) serves `bot/demo_data` the way EDGAR serves its
feeds, index pages, exhibits and company_tickers.json. The demo then adds two channel watches
and runs one real `poll_once` against it with console delivery, in a temporary SQLite file.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bot.runtime import build_runtime
from bot.storage.store import find_company_by_ticker
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.context import Runtime
from bot.usecases.deliver import ConsolePoster
from bot.usecases.poll import PollReport, ensure_tickers, poll_once
from bot.usecases.settings import load_settings
from bot.views.pipeline import pipeline_view, render_pipeline_table

DEMO_DATA = Path(__file__).with_name("demo_data")
DEMO_WATCHES = (("TDCR", "C0DEMOPIPE"), ("all", "C0DEMOALL"))
CONTENT_TYPES = {".atom": "application/atom+xml", ".json": "application/json"}


def resolve_demo_path(path: str, query: dict[str, list[str]]) -> Path | None:
    """The shipped file EDGAR would answer `path?query` with, or None (404)."""
    if path == "/cgi-bin/browse-edgar":
        form = query.get("type", [""])[0]
        first_page = query.get("start", ["0"])[0] == "0"
        current = query.get("action") == ["getcurrent"] and form == "8-K" and first_page
        # company feeds have nothing the market-wide feed did not already show
        return (
            DEMO_DATA / "cgi-bin" / ("getcurrent-8-K.atom" if current else "getcurrent-empty.atom")
        )
    candidate = (DEMO_DATA / path.lstrip("/")).resolve()
    inside = candidate.is_relative_to(DEMO_DATA.resolve())
    return candidate if inside and candidate.is_file() else None


class DemoHandler(BaseHTTPRequestHandler):
    """Answers GETs from the shipped demo files."""

    def do_GET(self) -> None:
        """Serve one demo file, or 404."""
        url = urlsplit(self.path)
        found = resolve_demo_path(url.path, parse_qs(url.query, keep_blank_values=True))
        if found is None:
            self.send_error(404)
            return
        body = found.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", CONTENT_TYPES.get(found.suffix, "text/html"))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the demo prints alerts, not access logs."""


@contextmanager
def serve_demo_edgar() -> Iterator[str]:
    """Serve the demo EDGAR on 127.0.0.1 (port 0); yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), DemoHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def run_demo() -> int:
    """Run the demo end to end and print the alerts as Slack would show them."""
    with serve_demo_edgar() as base, tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            PHASEWATCH_DATABASE_URL=f"sqlite:///{tmp}/demo.db",
            PHASEWATCH_EDGAR_URL=base,
            PHASEWATCH_EDGAR_DATA_URL=base,
            PHASEWATCH_SEC_USER_AGENT="phasewatch-demo demo@example.com",
            SLACK_BOT_TOKEN=None,
            PHASEWATCH_CTGOV_URL="",  # offline: no registry lookups
        )
        rt = build_runtime(settings, poster=ConsolePoster())
        try:
            _demo_poll(rt, base)
        finally:
            rt.close()
    return 0


def _demo_poll(rt: Runtime, base: str) -> None:
    print(f"phasewatch demo: a local EDGAR at {base} serving phasewatch's sample filings")
    ensure_tickers(rt, PollReport())
    for target, channel in DEMO_WATCHES:
        add_watch(rt.engine, target, channel, lookup=lookup_stored(rt.engine), now=rt.clock())
        print(f"  watch add {target} --channel {channel}")
    print("\npoll --once:\n")
    first = poll_once(rt)
    print(
        f"\n{first.new_filings} filings read, {first.events} events found, "
        f"{first.posted} alerts posted, {len(first.errors)} errors"
    )
    second = poll_once(rt)
    print(f"poll --once again: {second.new_filings} new filings, {second.posted} alerts posted")
    company = find_company_by_ticker(rt.engine, "TDCR")
    if company is not None:
        print("\npipeline TDCR:\n")
        print(render_pipeline_table(pipeline_view(rt.engine, company.cik), history=True))
