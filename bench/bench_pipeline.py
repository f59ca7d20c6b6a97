"""Benchmark the whole pipeline: alert latency, a day's volume, and `phasewatch run` at rest.

1. Latency: 50 single-filing polls (8-K + a clinical EX-99.1 each) at PHASEWATCH_MAX_RPS=10;
   each timed from the start of `poll_once` to the moment FakeSlack records the
   chat.postMessage. The wait for the poll to come round is excluded (polls are spaced 1.1 s so
   that neither the EDGAR token bucket nor Slack's 1 message/s/channel pacing carries over).
2. A day's volume: 600 8-Ks, each with an EX-99.1 (real EDGAR documents from ../shared when
   present, small synthetic ones otherwise; 12 of them clinical: the seed ImmunoGen 8-K text,
   Phase II started and an MTD), end to end in one process:
   polls until every filing is done and every alert sent. EDGAR throttling is lifted for this
   run (the limiter's rate raised) to measure the pipeline's own cost; the time at 10 req/s
   is computed from the request count. Peak RSS is this process's ru_maxrss (the stand-ins run
   in it too).
3. `python -m bot.cli run` as a subprocess against the stand-ins (PHASEWATCH_POLL_SECONDS=5):
   after its first poll, 30 s at rest sampled through /proc/PID/stat and /proc/PID/status,
   then SIGTERM and the time it takes to exit.

    .venv/bin/python bench/bench_pipeline.py [--only latency,day,run] [--polls 50]
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from common import (
    SHARED,
    USER_AGENT,
    FakeEdgar,
    FakeSlack,
    Runtime,
    ServedFiling,
    clinical_release,
    fast_edgar,
    make_filing,
    make_runtime,
    news_free_html,
    percentile,
    serve_feed,
    serve_filing,
    serve_static,
    table,
)

from bot.storage.models import now_utc
from bot.storage.outbox import deliveries
from bot.storage.store import get_filing
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.poll import poll_once
from tests.child_env import stand_in_env
from watchers import RateLimiter

Rows = list[tuple[str, str, str]]
MAX_RPS = 10.0
REAL = SHARED / "fixtures" / "edgar" / "filings"
PRIMARIES = ("jpm-20260624.htm", "mmm-20240308.htm", "adbe-20230315.htm", "nvda-20260302.htm")
EXHIBITS = ("from-txt__pressrelease3-8x24.htm", "from-txt__adbeex991q123.htm")  # no events
SEED = SHARED / "seed" / "001_4071176f85cd4a78.txt"  # ImmunoGen: Phase II started, MTD


def accession_of(call_body: dict[str, object]) -> str:
    """The accession a chat.postMessage was about (from the message metadata)."""
    metadata = call_body.get("metadata")
    payload = metadata.get("event_payload") if isinstance(metadata, dict) else None
    return str(payload.get("accession")) if isinstance(payload, dict) else ""


def clinical_filing(n: int, newest: int) -> ServedFiling:
    """An 8-K with a clinical EX-99.1."""
    docs = [
        ("8-K", f"form8k-{n}.htm", news_free_html()),
        ("EX-99.1", f"ex991-{n}.htm", clinical_release(n)),
    ]
    return make_filing(n, docs, newest=newest)


def measure_latency(polls: int) -> Rows:
    """Median and p99 from poll start to the Slack post, over `polls` single-filing polls."""
    old = [clinical_filing(10_000 + i, newest=0) for i in range(2)]
    with fast_edgar() as edgar, FakeSlack() as slack, tempfile.TemporaryDirectory() as tmp:
        serve_static(edgar, old)
        for filing in old:
            serve_filing(edgar, filing)
        serve_feed(edgar, old)
        rt = make_runtime(edgar, slack, f"sqlite:///{Path(tmp) / 'lat.db'}", max_rps=MAX_RPS)
        poll_once(rt)  # cold start: tickers and the first page, no watch yet (no alerts)
        add_watch(rt.engine, "all", "CLATENCY", lookup=lookup_stored(rt.engine), now=now_utc())
        listed = list(old)
        latencies, durations, requests = [], [], []
        for k in range(polls):
            filing = clinical_filing(k, newest=polls)
            serve_filing(edgar, filing)
            listed.insert(0, filing)
            serve_feed(edgar, listed[:100])
            time.sleep(1.1)
            edgar.clear_requests()
            start = time.monotonic()  # FakeSlack stamps calls with time.monotonic()
            poll_once(rt)
            durations.append(time.monotonic() - start)
            requests.append(len(edgar.requests))
            posts = [
                c
                for c in slack.calls_to("chat.postMessage")
                if accession_of(c.body) == filing.page.accession
            ]
            if len(posts) != 1:
                sys.exit(f"filing {k}: {len(posts)} posts instead of 1")
            latencies.append(posts[0].at - start)
        rt.close()
    floor = (statistics.median(requests) - 1) / MAX_RPS * 1.02
    return [
        ("single-filing polls", f"{polls}", ""),
        ("EDGAR requests per poll (median)", f"{statistics.median(requests):g}", ""),
        ("rate-limit floor for those requests", f"{floor:.3f} s", ""),
        ("poll start → chat.postMessage, median", f"{statistics.median(latencies):.3f} s", ""),
        ("poll start → chat.postMessage, p99", f"{percentile(latencies, 99):.3f} s", "≤ 1 s"),
        ("poll start → chat.postMessage, max", f"{max(latencies):.3f} s", ""),
        ("whole poll_once, median", f"{statistics.median(durations):.3f} s", ""),
    ]


@dataclass(frozen=True)
class DayDocuments:
    """The bodies a day's filings are made of."""

    primaries: list[bytes]
    exhibits: list[bytes]
    clinical: bytes
    kind: str


def day_documents() -> DayDocuments:
    """Primary documents and EX-99.1 bodies: real ones from ../shared, else synthetic."""
    primaries = [p.read_bytes() for name in PRIMARIES for p in REAL.rglob(name)]
    exhibits = [p.read_bytes() for name in EXHIBITS for p in REAL.rglob(name)]
    if primaries and exhibits and SEED.is_file():
        return DayDocuments(primaries, exhibits, SEED.read_bytes(), "real")
    return DayDocuments([news_free_html()], [news_free_html("EX-99.1")], b"", "synthetic")


def day_filing(n: int, bodies: DayDocuments) -> ServedFiling:
    """Filing n of the day: an 8-K body and a press release; every 50th release is clinical."""
    primaries, exhibits = bodies.primaries, bodies.exhibits
    if n % 50 == 3 and bodies.clinical:  # the seed 8-K's text, served as a .txt exhibit
        name, release = f"ex991-{n}.txt", bodies.clinical
    elif n % 50 == 3:
        name, release = f"ex991-{n}.htm", clinical_release(n)
    else:
        name, release = f"ex991-{n}.htm", exhibits[n % len(exhibits)]
    docs = [
        ("8-K", f"form8k-{n}.htm", primaries[n % len(primaries)]),
        ("EX-99.1", name, release),
    ]
    return make_filing(n, docs, newest=1000)


def measure_day(count: int) -> Rows:
    """`count` 8-Ks with an EX-99.1 each, end to end: polls, wall time, requests, peak RSS."""
    bodies = day_documents()
    old = [day_filing(count + i, bodies) for i in range(3)]
    day = [day_filing(n, bodies) for n in range(count)]
    rss_before = rss_kib(os.getpid())
    with fast_edgar() as edgar, FakeSlack() as slack, tempfile.TemporaryDirectory() as tmp:
        serve_static(edgar, old + day)
        for filing in old + day:
            serve_filing(edgar, filing)
        serve_feed(edgar, old)
        rt = make_runtime(edgar, slack, f"sqlite:///{Path(tmp) / 'day.db'}", max_rps=MAX_RPS)
        rt.edgar.limiter = RateLimiter(100_000)  # throttling lifted: the pipeline's own cost
        add_watch(rt.engine, "all", "CDAY", lookup=lookup_stored(rt.engine), now=now_utc())
        poll_once(rt)
        serve_feed(edgar, day + old)
        edgar.clear_requests()
        cpu0, start, polls = time.process_time(), time.perf_counter(), 0
        while polls < 20:
            poll_once(rt)
            polls += 1
            if all_done(rt, day):
                break
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
        sent = sum(1 for d in deliveries(rt.engine) if d.state == "sent")
        requests, posts = len(edgar.requests), len(slack.calls_to("chat.postMessage"))
        size = sum(len(b) for f in day for b in f.bodies.values())
        rt.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return [
        (f"8-Ks with an EX-99.1 ({bodies.kind} documents)", f"{count} ({size / 1e6:.1f} MB)", ""),
        ("polls until all done and delivered", f"{polls}", ""),
        ("alerts posted / delivery rows sent", f"{posts} / {sent}", ""),
        ("EDGAR requests", f"{requests}", ""),
        ("wall time, throttling lifted", f"{wall:.1f} s", ""),
        ("  of which Slack pacing, at least", f"{max(posts - 1, 0)} s (1 post/s/channel)", ""),
        ("CPU time of the process (all threads)", f"{cpu:.1f} s", ""),
        ("time at 10 req/s for those requests", f"{requests / MAX_RPS * 1.02:.0f} s", ""),
        ("RSS before the run", f"{rss_before / 1024:.0f} MB", ""),
        ("peak RSS (ru_maxrss)", f"{peak / 1024:.0f} MB", "≤ 200 MB"),
    ]


def all_done(rt: Runtime, filings: list[ServedFiling]) -> bool:
    """Every filing processed and no delivery left pending."""
    for filing in filings:
        row = get_filing(rt.engine, filing.page.accession)
        if row is None or row.state != "done":
            return False
    return all(d.state in ("sent", "failed") for d in deliveries(rt.engine))


def rss_kib(pid: int) -> int:
    """VmRSS of a process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all threads), from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> float:
    """Poll `condition` every 50 ms; the seconds it took; exit with `what` on timeout."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            sys.exit(f"timed out waiting for {what}")
        time.sleep(0.05)
    return time.perf_counter() - start


def measure_run(idle: float) -> Rows:
    """`phasewatch run` at rest: CPU %, RSS, requests; then SIGTERM and the time to exit."""
    filings = [clinical_filing(20_000 + i, newest=0) for i in range(3)]
    with fast_edgar() as edgar, FakeSlack() as slack, tempfile.TemporaryDirectory() as tmp:
        serve_static(edgar, filings)
        for filing in filings:
            serve_filing(edgar, filing)
        serve_feed(edgar, filings)
        env = stand_in_env(
            edgar,
            slack,
            f"sqlite:///{Path(tmp) / 'run.db'}",
            PHASEWATCH_SEC_USER_AGENT=USER_AGENT,
            PHASEWATCH_MAX_RPS=f"{MAX_RPS:g}",
            PHASEWATCH_POLL_SECONDS="5",
            PHASEWATCH_HTTP_PORT=str(free_port()),
            **{"SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_SIGNING_SECRET": "bench-signing-secret"},
        )
        log = Path(tmp) / "run.log"
        with log.open("wb") as out:
            cmd = [sys.executable, "-m", "bot.cli", "run"]
            started = time.perf_counter()
            proc = subprocess.Popen(cmd, env=env, cwd=tmp, stdout=out, stderr=subprocess.STDOUT)
            try:
                rows = sample_run(proc, edgar, filings, idle=idle, started=started, log=log)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
    return rows


def sample_run(
    proc: subprocess.Popen[bytes],
    edgar: FakeEdgar,
    filings: list[ServedFiling],
    *,
    idle: float,
    started: float,
    log: Path,
) -> Rows:
    """Wait for the first poll to fetch every filing, sample at rest, then SIGTERM."""

    def first_poll_done() -> bool:
        if proc.poll() is not None:
            sys.exit(f"phasewatch run exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        fetched = {r.path.rsplit("/", 1)[0] for r in edgar.requests if "/ex991-" in r.path}
        return all(f.page.folder in fetched for f in filings)

    wait_for(first_poll_done, 60, "the first poll")
    ready_at = time.perf_counter() - started
    time.sleep(1.0)  # let the first poll finish storing and delivering
    edgar.clear_requests()
    cpu0, t0 = cpu_seconds(proc.pid), time.perf_counter()
    rss: list[int] = []
    while time.perf_counter() - t0 < idle:
        rss.append(rss_kib(proc.pid))
        time.sleep(1.0)
    cpu1, t1 = cpu_seconds(proc.pid), time.perf_counter()
    idle_requests = len(edgar.requests)
    proc.send_signal(signal.SIGTERM)
    stop0 = time.perf_counter()
    try:
        code = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        code = None
    stopped = time.perf_counter() - stop0
    return [
        ("process start → first poll fetched every filing", f"{ready_at:.1f} s", ""),
        ("time at rest sampled", f"{t1 - t0:.1f} s", ""),
        ("CPU at rest (utime+stime / wall)", f"{(cpu1 - cpu0) / (t1 - t0) * 100:.2f} %", ""),
        (
            "RSS at rest, mean / max",
            f"{statistics.mean(rss) / 1024:.0f} / {max(rss) / 1024:.0f} MB",
            "",
        ),
        ("EDGAR requests at rest (polls every 5 s)", f"{idle_requests}", ""),
        ("SIGTERM → exit", f"{stopped:.2f} s (exit {code})", "within seconds"),
    ]


def main() -> None:
    """Run the chosen measurements and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", default="latency,day,run")
    parser.add_argument("--polls", type=int, default=50)
    parser.add_argument("--filings", type=int, default=600)
    parser.add_argument("--idle", type=float, default=30.0)
    args = parser.parse_args()
    chosen = set(args.only.split(","))
    if "latency" in chosen:
        print(f"## latency: {args.polls} single-filing polls at {MAX_RPS:g} req/s\n")
        print(table(measure_latency(args.polls)), flush=True)
    if "day" in chosen:
        print(f"\n## a day's volume: {args.filings} 8-Ks with an EX-99.1 each\n")
        print(table(measure_day(args.filings)), flush=True)
    if "run" in chosen:
        print(f"\n## phasewatch run at rest for {args.idle:g} s, then SIGTERM\n")
        print(table(measure_run(args.idle)), flush=True)


if __name__ == "__main__":
    main()
