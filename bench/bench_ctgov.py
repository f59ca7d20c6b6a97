"""Benchmark the registry's politeness: requests per alert, and per daily pass of 100 trials.

Everything runs against the stand-ins on 127.0.0.1 (FakeEdgar, FakeSlack, FakeCtgov from tests/)
with the real pipeline, a real SQLite file and the default registry rate (1 request/s).

1. Per alert: a watched company files releases whose alerts need a lookup: (a) the NCT id is
   written in the release, (b) none is written and a search by drug and sponsor finds exactly
   one trial, (c) the search finds two (ambiguous), (d) a second alert on a trial already cached
   within PHASEWATCH_CTGOV_TTL_HOURS. Registry requests are counted per lookup.
2. Per daily pass: 100 trials of 10 watched companies are known, none read yet; a first pass
   (the baseline), one when nothing changed, one when 5 trials changed status (TERMINATED), and
   the same statuses again. Requests, wall time at 1 request/s, alerts queued.

    .venv/bin/python bench/bench_ctgov.py
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime

from common import REPO  # noqa: F401  (puts the repository on sys.path)
from sqlmodel import Session

from bot.storage.models import TrialMentionRow, now_utc
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.poll import PollReport, ensure_tickers, poll_once
from bot.usecases.registry_cycle import run_registry_cycle
from tests.ctgov_pages import study_record
from tests.ctgov_server import FakeCtgov
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, make_runtime, serve_feeds, serve_filing
from tests.slack_server import FakeSlack
from watchers import RegistryClient

TIDE = (1990601, "TDMK", "Tidemark Bio, Inc.")
PHASE2 = "Tidemark Bio has initiated the Phase 2 trial of {drug} in non-small cell lung cancer"


def per_alert() -> None:
    """Registry requests for each kind of lookup."""
    cases = [
        ("NCT id written in the release", "TCB-101", " (NCT09000001).", 1),
        ("no id: search, one trial fits", "TCB-202", ".", 2),
        ("no id: search, two trials fit", "TCB-303", ".", 3),
        ("id already cached (second alert)", "TCB-101", " (NCT09000001).", 4),
    ]
    with (
        FakeEdgar() as edgar,
        FakeSlack() as slack,
        FakeCtgov() as ctgov,
        tempfile.TemporaryDirectory() as tmp,
    ):
        ctgov.add_study(study_record("NCT09000001", "RECRUITING", ["PHASE2"], sponsor=TIDE[2]))
        ctgov.add_study(
            study_record(
                "NCT09000002",
                "RECRUITING",
                ["PHASE2"],
                sponsor=TIDE[2],
                interventions=[("DRUG", "TCB-202", ())],
            )
        )
        for nct in ("NCT09000003", "NCT09000004"):
            ctgov.add_study(
                study_record(
                    nct,
                    "RECRUITING",
                    ["PHASE2"],
                    sponsor=TIDE[2],
                    interventions=[("DRUG", "TCB-303", ())],
                )
            )
        rt = make_runtime(edgar, slack, f"sqlite:///{tmp}/b.db", PHASEWATCH_CTGOV_URL=ctgov.url)
        rt.ctgov = RegistryClient(base_url=ctgov.url)  # the default politeness: 1 request/s
        serve_feeds(edgar, [], [TIDE])
        ensure_tickers(rt, PollReport())
        add_watch(rt.engine, "TDMK", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
        print("| lookup | registry requests | wall time of the lookup | alert updated |")
        print("| --- | ---: | ---: | --- |")
        for label, drug, tail, n in cases:
            filing = drug_filing(TIDE[0], TIDE[2], n)
            stopped = "discontinued" if n == 4 else "initiated"
            serve_filing(
                edgar, filing, PHASE2.format(drug=drug).replace("initiated", stopped) + tail
            )
            serve_feeds(edgar, [filing], [TIDE])
            poll_once(rt)
            before, began = len(ctgov.requests), time.monotonic()
            cycle = run_registry_cycle(rt, watch=False)
            took = time.monotonic() - began
            sent = len(ctgov.requests) - before
            print(f"| {label} | {sent} | {took:.2f} s | {cycle.updated == 1} |")
        rt.close()


def per_pass(trials: int = 100, companies: int = 10, changed: int = 5) -> None:
    """Requests and time of the registry pass over `trials` known trials."""
    with (
        FakeEdgar() as edgar,
        FakeSlack() as slack,
        FakeCtgov() as ctgov,
        tempfile.TemporaryDirectory() as tmp,
    ):
        rt = make_runtime(edgar, slack, f"sqlite:///{tmp}/p.db", PHASEWATCH_CTGOV_URL=ctgov.url)
        rt.ctgov = RegistryClient(base_url=ctgov.url)
        now = datetime(2026, 11, 23, 6, tzinfo=UTC)
        ncts = [f"NCT091{n:05d}" for n in range(trials)]
        with Session(rt.engine) as session:
            for n, nct in enumerate(ncts):
                cik = 1_995_000 + n % companies
                record = study_record(nct, "RECRUITING", ["PHASE2"], updated="2026-10-01")
                ctgov.add_study(record)
                session.add(
                    TrialMentionRow(
                        accession=f"acc-{n}", nct_id=nct, cik=cik, drug=f"TCB-{n}", created_at=now
                    )
                )
            session.commit()
        for c in range(companies):
            add_watch(rt.engine, str(1_995_000 + c), "C1", lookup=lookup_stored(rt.engine), now=now)
        head = f"pass over {trials} trials of {companies} companies"
        print(f"| {head} | registry requests | wall time | alerts queued |")
        print("| --- | ---: | ---: | ---: |")
        passes = (
            ("first pass: no trial read before (baseline)", 0),
            ("nothing changed", 0),
            (f"{changed} trials TERMINATED", changed),
            ("the same statuses read again", 0),
        )
        for label, moved in passes:
            for nct in ncts[:moved]:
                ctgov.set_status(nct, "TERMINATED", "2026-11-22")
            began = time.monotonic()
            report = run_registry_cycle(rt, watch=True).registry_pass
            assert report is not None
            took = time.monotonic() - began
            print(f"| {label} | {report.requests} | {took:.2f} s | {report.alerts_queued} |")
        rt.close()


def main() -> None:
    """Both parts, as Markdown tables."""
    print("## Requests per alert (default 1 request/s)\n")
    per_alert()
    print("\n## Requests per daily registry pass\n")
    per_pass()


if __name__ == "__main__":
    main()
