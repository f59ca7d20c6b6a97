"""Shared pieces of the benchmarks: the local EDGAR and Slack stand-ins, filings, a runtime.

Everything runs on 127.0.0.1: FakeEdgar and FakeSlack come from tests/ (the repository root is
put on sys.path), the pipeline is the real one (`bot.usecases.poll.poll_once`), the database a real
SQLite file in a temporary directory.
"""

from __future__ import annotations

import socketserver
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# imported after the sys.path insertion above, so that tests/ is importable from a plain script
from bot.runtime import build_runtime  # noqa: E402
from bot.usecases.context import Runtime  # noqa: E402
from bot.usecases.deliver import SlackPoster, make_delivery_client  # noqa: E402
from bot.usecases.settings import load_settings  # noqa: E402
from tests.edgar_pages import (  # noqa: E402
    PageDoc,
    PageFiling,
    company_tickers,
    getcurrent_feed,
    index_page,
)
from tests.edgar_server import FakeEdgar, RecordedRequest, max_in_window  # noqa: E402
from tests.slack_server import FakeSlack  # noqa: E402
from watchers import EdgarClient  # noqa: E402

USER_AGENT = "phasewatch-bench bench@example.com"
FIRST_CIK = 1_996_000
PAGE = 100
NEWS_FREE = "The company reports quarterly revenue of $12.3 million for the third quarter."
__all__ = [
    "PAGE",
    "REPO",
    "SHARED",
    "USER_AGENT",
    "FakeEdgar",
    "FakeSlack",
    "PageDoc",
    "PageFiling",
    "Runtime",
    "ServedFiling",
    "clinical_release",
    "fast_edgar",
    "make_filing",
    "make_runtime",
    "max_in_window",
    "news_free_html",
    "percentile",
    "serve_feed",
    "serve_filing",
    "serve_static",
    "table",
    "tightest_span",
]


def fast_edgar() -> FakeEdgar:
    """A FakeEdgar whose connections send without Nagle's delay (not started).

    FakeEdgar writes the status line and headers, then the body, in separate small writes on a
    keep-alive connection; with Nagle's algorithm on, the body waits for the client's delayed
    ACK (~40 ms on Linux), a cost real EDGAR does not add. TCP_NODELAY removes it.
    """
    edgar = FakeEdgar()
    handler = edgar._server.RequestHandlerClass  # the stand-in's own handler class
    assert isinstance(handler, type)
    assert issubclass(handler, socketserver.StreamRequestHandler)
    handler.disable_nagle_algorithm = True
    return edgar


@dataclass(frozen=True)
class ServedFiling:
    """A filing and the bytes served for each of its documents (by filename)."""

    page: PageFiling
    bodies: dict[str, bytes]


def make_filing(n: int, docs: Sequence[tuple[str, str, bytes]], *, newest: int) -> ServedFiling:
    """Filing n of its own company; docs are (type, filename, body); `newest` orders the times.

    Filing times decrease with n so that a feed listing n = 0, 1, 2, … is newest first.
    """
    cik = FIRST_CIK + n
    age = newest - n
    clock = f"{age // 3600 % 24:02d}:{age // 60 % 60:02d}:{age % 60:02d}"
    page = PageFiling(
        cik=cik,
        company=f"Benchmark Bio {n}, Inc.",
        accession=f"{cik:010d}-26-{n:06d}",
        filed="2026-11-23",
        accepted=f"2026-11-23 {clock}",
        updated=f"2026-11-23T{clock}-05:00",
        docs=tuple(
            PageDoc(i + 1, kind, name, kind, len(body)) for i, (kind, name, body) in enumerate(docs)
        ),
    )
    return ServedFiling(page, {name: body for _, name, body in docs})


def clinical_release(n: int) -> bytes:
    """A small EX-99.1 announcing a started Phase 2 (an alertable event)."""
    sentence = f"The first patient has been dosed in the Phase 2 trial of BMK-{n:04d} in gout."
    return f"<html><body><p>Exhibit 99.1</p><p>{sentence}</p></body></html>".encode()


def news_free_html(title: str = "Item 2.02") -> bytes:
    """A small document with nothing clinical in it."""
    return f"<html><body><p>{title}</p><p>{NEWS_FREE}</p></body></html>".encode()


def serve_filing(edgar: FakeEdgar, filing: ServedFiling) -> None:
    """Serve the filing's index page and every document."""
    edgar.add(filing.page.index_path, index_page(filing.page))
    for name, body in filing.bodies.items():
        edgar.add(f"{filing.page.folder}/{name}", body)


def serve_static(edgar: FakeEdgar, filings: Sequence[ServedFiling]) -> None:
    """company_tickers.json for these companies and an empty 6-K feed."""
    rows = [(f.page.cik, f"BM{f.page.cik % 100000}", f.page.company) for f in filings]
    edgar.add("/files/company_tickers.json", company_tickers(rows))
    edgar.add(
        "/cgi-bin/browse-edgar", getcurrent_feed([]), query={"action": "getcurrent", "type": "6-K"}
    )


def serve_feed(edgar: FakeEdgar, filings: Sequence[ServedFiling]) -> None:
    """getcurrent type=8-K, newest first, paged start=0, 100, … (routes of older pages stay)."""
    pages = [f.page for f in filings]
    for start in range(0, max(len(pages), 1), PAGE):
        edgar.add(
            "/cgi-bin/browse-edgar",
            getcurrent_feed(pages[start : start + PAGE]),
            query={"action": "getcurrent", "type": "8-K", "start": str(start)},
        )


def make_runtime(edgar: FakeEdgar, slack: FakeSlack, db_url: str, *, max_rps: float) -> Runtime:
    """The real runtime against the stand-ins: PHASEWATCH_MAX_RPS=max_rps, Slack posting on."""
    settings = load_settings(
        PHASEWATCH_DATABASE_URL=db_url,
        PHASEWATCH_EDGAR_URL=edgar.url,
        PHASEWATCH_EDGAR_DATA_URL=edgar.url,
        PHASEWATCH_SEC_USER_AGENT=USER_AGENT,
        PHASEWATCH_MAX_RPS=max_rps,
        SLACK_BOT_TOKEN="xoxb-bench",  # noqa: S106 (the Slack stand-in's token, not a secret)
        PHASEWATCH_SLACK_API_URL=slack.api_url,
    )
    poster = SlackPoster(make_delivery_client("xoxb-bench", slack.api_url))
    rt = build_runtime(settings, poster=poster)
    rt.edgar.close()  # same client, short retry backoff (nothing fails here anyway)
    rt.edgar = EdgarClient(
        user_agent=USER_AGENT,
        base_url=edgar.url,
        data_url=edgar.url,
        max_rps=max_rps,
        backoff=0.05,
    )
    return rt


def tightest_span(requests: Sequence[RecordedRequest], count: int) -> float:
    """The shortest time in which EDGAR saw `count` consecutive requests (inf if fewer).

    With count = max_rps + 1 this must stay >= 1 s for no 1-second window to exceed max_rps.
    """
    times = sorted(r.time for r in requests)
    spans = [times[i + count - 1] - times[i] for i in range(len(times) - count + 1)]
    return min(spans, default=float("inf"))


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by linear interpolation; p99 of 50 values is near the max."""
    ordered = sorted(values)
    if len(ordered) == 1 or p <= 0:
        return ordered[0]
    if p >= 100:
        return ordered[-1]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(p) - 1]


def table(rows: Sequence[tuple[str, str, str]]) -> str:
    """A Markdown table of (measure, value, target) rows."""
    lines = ["| measure | value | target |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)
