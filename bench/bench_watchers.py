"""Benchmark the EDGAR side: requests per filing, filings per minute at 10 req/s, HTML to text.

1. A burst of 300 new 8-Ks (after a first poll has seen 3) goes through the real `poll_once`
   against FakeEdgar and FakeSlack at PHASEWATCH_MAX_RPS=10, polled back to back until nothing
   is pending. The filings mix four shapes: 8-K alone; + EX-99.1; + EX-99.1 and EX-99.2;
   + EX-99.1, an EX-10.1 and a .jpg graphic (neither of which should be fetched). Reported:
   requests per filing against 1 + its text documents (index page + primary + EX-99s), feed
   requests, polls needed, wall time, filings per minute, and the peak 1-second request count.
   (The stand-in's connections run with TCP_NODELAY: see common.fast_edgar.)
2. `watchers.html_to_text` throughput (MB of HTML in per second) on the real EDGAR documents in
   ../shared/fixtures/edgar/filings (skipped with a message when they are absent).
3. Rate-limit precision as EDGAR sees it: 200 GETs from one EdgarClient at max_rps=10 while 0
   or 2 other threads of the client process keep the GIL busy (as the scheduler, HTTP server
   and stand-ins do); FakeEdgar runs in its own process, so only the client's jitter counts.

    .venv/bin/python bench/bench_watchers.py [--filings 300] [--rounds 50] [--only burst,html,rate]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import tempfile
import threading
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path

from common import (
    SHARED,
    USER_AGENT,
    FakeEdgar,
    FakeSlack,
    ServedFiling,
    clinical_release,
    fast_edgar,
    make_filing,
    make_runtime,
    max_in_window,
    news_free_html,
    serve_feed,
    serve_filing,
    serve_static,
    table,
    tightest_span,
)

from bot.storage.store import get_filing
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.poll import poll_once
from watchers import EdgarClient, html_to_text

MAX_RPS = 10.0
CLINICAL_EVERY = 60  # filing n is clinical when n % 60 == 1 (5 of 300, all with an EX-99.1)
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"


def burst_filing(n: int, newest: int) -> ServedFiling:
    """Filing n in one of four shapes (n % 4); returns it with its documents' bodies."""
    release = clinical_release(n) if n % CLINICAL_EVERY == 1 else news_free_html("Exhibit 99.1")
    docs = [("8-K", f"form8k-{n}.htm", news_free_html())]
    if n % 4 >= 1:
        docs.append(("EX-99.1", f"ex991-{n}.htm", release))
    if n % 4 == 2:
        docs.append(("EX-99.2", f"ex992-{n}.htm", news_free_html("Exhibit 99.2")))
    if n % 4 == 3:
        docs.append(("EX-10.1", f"ex101-{n}.htm", news_free_html("Exhibit 10.1")))
        docs.append(("GRAPHIC", f"logo-{n}.jpg", GIF))
    return make_filing(n, docs, newest=newest)


def text_documents(filing: ServedFiling) -> int:
    """How many documents a filing has whose text we need: the primary and the EX-99s."""
    return sum(1 for d in filing.page.docs if d.type in ("8-K",) or d.type.startswith("EX-99"))


def run_burst(count: int) -> list[tuple[str, str, str]]:
    """Warm poll, then `count` new filings polled until done; the result rows."""
    old = [burst_filing(count + i, newest=count + 100) for i in range(3)]
    burst = [burst_filing(n, newest=count + 100) for n in range(count)]
    with fast_edgar() as edgar, FakeSlack() as slack, tempfile.TemporaryDirectory() as tmp:
        serve_static(edgar, old + burst)
        for filing in old + burst:
            serve_filing(edgar, filing)
        serve_feed(edgar, old)
        rt = make_runtime(edgar, slack, f"sqlite:///{Path(tmp) / 'bench.db'}", max_rps=MAX_RPS)
        add_watch(rt.engine, "all", "CBENCH", lookup=lookup_stored(rt.engine), now=rt.clock())
        poll_once(rt)
        serve_feed(edgar, burst + old)
        edgar.clear_requests()
        polls: list[tuple[float, int, int]] = []
        start = time.perf_counter()
        while len(polls) < 10:
            t0 = time.perf_counter()
            report = poll_once(rt)
            polls.append((time.perf_counter() - t0, report.processed, report.posted))
            done = [get_filing(rt.engine, f.page.accession) for f in burst]
            if all(row is not None and row.state == "done" for row in done):
                break
        wall = time.perf_counter() - start
        requests = edgar.requests
        rt.close()
        ours = {f.page.accession for f in burst}
        posted = sum(
            1
            for c in slack.calls_to("chat.postMessage")
            if c.body["metadata"]["event_payload"]["accession"] in ours
        )
    per_folder = Counter(
        r.path.rsplit("/", 1)[0] for r in requests if r.path.startswith("/Archives/")
    )
    actual = [per_folder[f.page.folder] for f in burst]
    target = [1 + text_documents(f) for f in burst]
    over = sum(1 for a, t in zip(actual, target, strict=True) if a > t)
    feed = sum(1 for r in requests if r.path == "/cgi-bin/browse-edgar")
    processed = sum(p[1] for p in polls)
    shape = ", ".join(f"{t:.2f}s/{n}" for t, n, _ in polls)
    return [
        ("filings in the burst (first poll already saw 3)", f"{count}", ""),
        ("polls until all done (time/processed each)", f"{len(polls)} ({shape})", "1"),
        ("filings processed", f"{processed}", f"{count}"),
        ("requests per filing (mean)", f"{sum(actual) / len(actual):.2f}", "≤ 1 + text docs"),
        ("1 + text docs per filing (mean)", f"{sum(target) / len(target):.2f}", ""),
        ("filings over their request target", f"{over}", "0"),
        ("feed requests (getcurrent pages, all polls)", f"{feed}", ""),
        ("EDGAR requests in all", f"{len(requests)}", ""),
        ("wall time of the polls", f"{wall:.1f} s", ""),
        ("filings per minute at 10 req/s", f"{count / wall * 60:.0f}", ""),
        ("peak requests in any 1-s window", f"{max_in_window(requests)}", f"≤ {MAX_RPS:g}"),
        (
            f"shortest span of {MAX_RPS + 1:g} consecutive requests",
            f"{tightest_span(requests, int(MAX_RPS) + 1):.3f} s",
            "≥ 1 s",
        ),
        ("alerts posted for the burst", f"{posted}", f"{len(range(1, count, CLINICAL_EVERY))}"),
    ]


def real_documents() -> list[Path]:
    """The real EDGAR HTML documents (primary documents and exhibits; index pages left out)."""
    root = SHARED / "fixtures" / "edgar" / "filings"
    found = [*root.rglob("*.htm"), *root.rglob("*.html")]
    return sorted(p for p in found if not p.name.endswith("-index.html"))


def run_html_to_text(rounds: int) -> list[tuple[str, str, str]]:
    """html_to_text over every real document, `rounds` times; best and median round."""
    paths = real_documents()
    if not paths:
        print(f"html_to_text: skipped, no real EDGAR documents under {SHARED / 'fixtures'}")
        return []
    bodies = [p.read_bytes() for p in paths]
    total = sum(len(b) for b in bodies)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for body in bodies:
            html_to_text(body)
        times.append(time.perf_counter() - start)
    times.sort()
    biggest = max(bodies, key=len)
    one = []
    for _ in range(rounds):
        start = time.perf_counter()
        html_to_text(biggest)
        one.append(time.perf_counter() - start)
    one.sort()
    return [
        ("real documents (bytes)", f"{len(bodies)} ({total / 1e6:.2f} MB)", ""),
        ("html_to_text, median round", f"{total / 1e6 / times[len(times) // 2]:.1f} MB/s", ""),
        ("html_to_text, best round", f"{total / 1e6 / times[0]:.1f} MB/s", ""),
        (
            f"largest document ({len(biggest) / 1e3:.0f} KB), median",
            f"{one[len(one) // 2] * 1e3:.1f} ms",
            "",
        ),
    ]


def serve_in_child(conn: Connection) -> None:
    """Child process: a FakeEdgar answering /x; send its URL, then its request times on demand."""
    with FakeEdgar() as edgar:
        edgar.add("/x", b"ok")
        conn.send(edgar.url)
        conn.recv()
        conn.send([r.time for r in edgar.requests])


def keep_busy(stop: threading.Event) -> None:
    """Pure-Python work that competes for the GIL until `stop` is set."""
    while not stop.is_set():
        sum(range(20_000))


def rate_precision(busy: int, requests: int = 200) -> tuple[int, float]:
    """(peak requests in any 1-s window, shortest span of 11) with `busy` GIL-hungry threads."""
    parent, child = mp.get_context("spawn").Pipe()
    server = mp.get_context("spawn").Process(target=serve_in_child, args=(child,))
    server.start()
    url = parent.recv()
    stop = threading.Event()
    threads = [threading.Thread(target=keep_busy, args=(stop,)) for _ in range(busy)]
    for thread in threads:
        thread.start()
    with EdgarClient(user_agent=USER_AGENT, base_url=url, data_url=url, max_rps=MAX_RPS) as client:
        for _ in range(requests):
            client.get(f"{url}/x")
    stop.set()
    parent.send("done")
    times = sorted(parent.recv())
    server.join()
    peak = max(sum(1 for u in times[i:] if u < t + 1.0) for i, t in enumerate(times))
    span = min(times[i + 10] - times[i] for i in range(len(times) - 10))
    return peak, span


def run_rate_precision() -> list[tuple[str, str, str]]:
    """The rate-limit rows: idle client process, then one with two busy threads."""
    rows = []
    for busy in (0, 2):
        peak, span = rate_precision(busy)
        rows.append((f"{busy} busy threads: peak in any 1-s window", f"{peak}", f"≤ {MAX_RPS:g}"))
        rows.append(
            (f"{busy} busy threads: shortest span of 11 requests", f"{span:.3f} s", "≥ 1 s")
        )
    return rows


def main() -> None:
    """Run both measurements and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--filings", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--only", default="html,burst,rate")
    args = parser.parse_args()
    chosen = set(args.only.split(","))
    if "html" in chosen:
        print("## html_to_text on real EDGAR documents\n")
        rows = run_html_to_text(args.rounds)
        if rows:
            print(table(rows), flush=True)
    if "burst" in chosen:
        print(f"\n## burst of {args.filings} 8-Ks through poll_once at {MAX_RPS:g} req/s\n")
        print(table(run_burst(args.filings)), flush=True)
    if "rate" in chosen:
        print(f"\n## rate-limit precision at EDGAR: 200 GETs at max_rps={MAX_RPS:g}\n")
        print(table(run_rate_precision()), flush=True)


if __name__ == "__main__":
    main()
