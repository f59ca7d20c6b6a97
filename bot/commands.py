"""The CLI's commands: each takes the Settings built once by `main` and the parsed arguments."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import datetime, timedelta
from pathlib import Path

from bot.domain.targets import parse_filter
from bot.runtime import build_runtime, make_edgar_client, make_registry_client
from bot.settings import Settings
from bot.slack.render import render_event_line
from bot.storage import Engine
from bot.storage.events import alert_event
from bot.storage.models import CompanyRow, now_utc
from bot.storage.registry_store import cached_study, save_study
from bot.storage.store import create_db, events_for, find_company_by_ticker, save_companies
from bot.storage.trial_queries import company_trials
from bot.storage.watches import (
    TickerLookup,
    add_watch,
    list_watches,
    remove_watch,
    watch_to_dict,
)
from bot.usecases.backfill import plan_backfill, resolve_cik, run_backfill
from bot.usecases.poll import deliver, poll_once
from bot.usecases.registry_cycle import run_registry_cycle
from bot.views.pipeline import pipeline_view, render_pipeline_table
from bot.views.trials import (
    NCT_ARG,
    attach_trials,
    render_company_trials,
    render_trial_text,
    trial_view,
)
from classifiers import Event, classify
from classifiers.evaluation import LabeledDoc, evaluate, render_report
from watchers import (
    DocumentError,
    IndexDocument,
    RegistryClient,
    RegistryRateLimited,
    RegistryUnavailable,
    Study,
    document_text,
    fetch_company_tickers,
    is_submission,
    parse_submission,
    select_documents,
)

log = logging.getLogger(__name__)


def cmd_poll(settings: Settings, args: argparse.Namespace) -> int:
    """`poll --once`: one full cycle, then exit 0 (errors are logged and retried next time)."""
    rt = build_runtime(settings)
    try:
        report = poll_once(rt)
        if run_registry_cycle(rt).alerts_queued:
            deliver(rt, report)  # the registry's own status-change alerts
    finally:
        rt.close()
    log.info(
        "poll: %d new filings, %d processed, %d events, %d alerts queued, %d posted, %d errors",
        report.new_filings,
        report.processed,
        report.events,
        report.alerts_queued,
        report.posted,
        len(report.errors),
    )
    return 0


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """`run`: the long-running service."""
    from bot.service import run_service

    return run_service(settings)


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    """`demo`: the real pipeline against a local EDGAR stand-in over shipped sample filings."""
    from bot.demo import run_demo

    return run_demo()


def ticker_lookup(settings: Settings, engine: Engine) -> TickerLookup:
    """Stored tickers first; on a miss, company_tickers.json is (re)loaded from EDGAR once."""

    def lookup(ticker: str) -> CompanyRow | None:
        found = find_company_by_ticker(engine, ticker)
        if found is None:
            with make_edgar_client(settings) as edgar:
                save_companies(engine, fetch_company_tickers(edgar), now_utc())
            found = find_company_by_ticker(engine, ticker)
        return found

    return lookup


def cmd_backfill(settings: Settings, args: argparse.Namespace) -> int:
    """`backfill TARGET [--since DATE] [--forms …] [--post]`: one line per filing with news."""
    rt = build_runtime(settings)
    try:
        cik = resolve_cik(args.target, ticker_lookup(settings, rt.engine))
        forms = parse_filter(args.forms) or settings.forms
        plan = plan_backfill(rt, cik, args.since, forms)
        print(f"{plan.company} (CIK {cik}): {len(plan.filings)} filings of {', '.join(forms)}")
        report = run_backfill(rt, plan, post=args.post)
        for filing in plan.filings:
            for event in events_for(rt.engine, filing.accession):
                line = render_event_line(alert_event(event))
                print(f"  {filing.filed} {filing.form} {filing.accession}: {line}")
    finally:
        rt.close()
    print(
        f"{report.new_filings} new, {report.processed} classified, {report.events} events, "
        f"{report.alerts_queued} alerts queued, {len(report.errors)} errors"
    )
    return 0


def cmd_watch_add(settings: Settings, args: argparse.Namespace) -> int:
    """`watch add TARGET --channel ID`: tickers resolve from EDGAR's company_tickers.json."""
    engine = create_db(settings.database_url)
    lookup = ticker_lookup(settings, engine)
    row = add_watch(
        engine,
        args.target,
        args.channel,
        lookup=lookup,
        events=args.events,
        forms=args.forms,
        repeats=args.repeats,
        now=now_utc(),
    )
    cik = f" (CIK {row.cik})" if row.cik and row.kind == "ticker" else ""
    print(f"watching {row.target}{cik} in {row.channel}")
    return 0


def cmd_watch_list(settings: Settings, args: argparse.Namespace) -> int:
    """`watch list [--channel ID] [--json]`."""
    watches = list_watches(create_db(settings.database_url), args.channel)
    if args.json:
        print(json.dumps([watch_to_dict(w) for w in watches]))
        return 0
    for w in watches:
        filters = [f"events={w.events}" if w.events else "", f"forms={w.forms}" if w.forms else ""]
        print("\t".join([w.channel, w.target, *[f for f in filters if f]]))
    if not watches:
        print("no watches", file=sys.stderr)
    return 0


def cmd_watch_remove(settings: Settings, args: argparse.Namespace) -> int:
    """`watch remove TARGET --channel ID`; exit 1 when there was no such watch."""
    removed = remove_watch(create_db(settings.database_url), args.target, args.channel)
    print(f"{'removed' if removed else 'no watch for'} {args.target} in {args.channel}")
    return 0 if removed else 1


def read_input(path: str) -> tuple[str, str]:
    """(name, plain text) of a document path, or of stdin for '-'; OSError when unreadable."""
    if path == "-":
        return "-", input_text(sys.stdin.buffer.read(), "")
    return path, input_text(Path(path).read_bytes(), Path(path).name)


def input_text(body: bytes, filename: str) -> str:
    """Plain text of one input: a full submission's documents, else the document (HTML sniffed).

    A full submission `.txt` (<SEC-DOCUMENT>, <DOCUMENT>, <TYPE>…<TEXT>) gives the documents the
    pipeline reads from it: the primary document and its EX-99 exhibits, each stripped of markup.
    """
    if is_submission(body):
        try:
            return submission_text(body)
        except DocumentError:
            pass  # SGML-looking but not a submission: read it as the document it is
    return document_text(body, filename)


def submission_text(body: bytes) -> str:
    """The text of a full submission's primary document and EX-99 exhibits, blank-line joined."""
    submission = parse_submission(body)
    rows = {
        IndexDocument(d.sequence, d.description, d.filename, d.filename, d.type): d
        for d in submission.documents
        if not d.binary
    }
    chosen = select_documents(list(rows), submission.form or "") or list(rows)
    texts = (document_text(rows[row].text, rows[row].filename) for row in chosen)
    return "\n\n".join(text for text in texts if text)


def cmd_classify(settings: Settings, args: argparse.Namespace) -> int:
    """`classify [--json] PATH…`: print each document's events; exit 1 if a path was unreadable.

    Each unreadable path (missing, a directory, no permission) is one `phasewatch: error:` line on
    standard error; the other paths are still classified.
    """
    status = 0
    for path in args.paths:
        try:
            name, text = read_input(path)
        except OSError as exc:
            print(f"phasewatch: error: {path}: {exc.strerror or exc}", file=sys.stderr)
            status = 1
            continue
        events = classify(text)
        if args.json:
            print(json.dumps({"path": name, "events": [e.to_dict() for e in events]}))
        else:
            print(render_events_text(name, events))
    return status


def render_events_text(name: str, events: list[Event]) -> str:
    """A readable listing of one document's events."""
    lines = [f"{name}: {len(events)} event{'s' if len(events) != 1 else ''}"]
    for event in events:
        data = event.to_dict()
        data.pop("evidence")
        fields = ", ".join(f"{k}={v}" for k, v in data.items() if v not in (None, False))
        lines.append(f"  {fields}")
        lines.append(f"    “{' '.join(event.evidence.split())}”")
    return "\n".join(lines)


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    """`eval CORPUS_DIR [--json] [--verbose]`: score against CORPUS_DIR/labels.jsonl."""
    corpus = Path(args.corpus)
    docs = []
    for line in (corpus / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            label = json.loads(line)
            text = (corpus / f"{label['id']}.txt").read_text(encoding="utf-8")
            docs.append(LabeledDoc(id=str(label["id"]), text=text, label=label))
    report = evaluate(docs)
    print(json.dumps(report.to_dict()) if args.json else render_report(report, args.verbose))
    return 0


def cmd_pipeline(settings: Settings, args: argparse.Namespace) -> int:
    """`pipeline TARGET [--json]`: each drug's phase, status, MTD and history."""
    engine = create_db(settings.database_url)
    cik = resolve_cik(args.target, ticker_lookup(settings, engine))
    trials = company_trials(engine, cik)
    view = attach_trials(pipeline_view(engine, cik), trials)
    print(json.dumps(view) if args.json else render_pipeline_table(view, history=True))
    if not args.json and (listed := render_company_trials(trials)):
        print(listed)
    return 0


def cmd_trial(settings: Settings, args: argparse.Namespace) -> int:
    """`trial NCT… [--json]`: the record (cached, or read from the registry) and its filings."""
    nct = args.nct.strip().upper()
    if not NCT_ARG.match(nct):
        print(
            f"phasewatch: error: {args.nct!r} is not an NCT number (NCT + 8 digits)",
            file=sys.stderr,
        )
        return 2
    engine = create_db(settings.database_url)
    registry = make_registry_client(settings)
    try:
        ttl = timedelta(hours=settings.ctgov_ttl_hours)
        study = read_trial(engine, nct, registry, now_utc(), ttl)
    finally:
        if registry is not None:
            registry.close()
    view = trial_view(engine, nct, study)
    print(json.dumps(view) if args.json else render_trial_text(view, study))
    return 0 if study is not None or view["mentions"] else 1


def read_trial(
    engine: Engine, nct_id: str, registry: RegistryClient | None, now: datetime, ttl: timedelta
) -> Study | None:
    """The record from the cache while fresh, else from the registry (when on); the stale
    cached record when the registry is down."""
    fresh = cached_study(engine, nct_id, now, ttl)
    if fresh is not None or registry is None:
        return fresh or cached_study(engine, nct_id)
    try:
        study = registry.fetch_study(nct_id)
    except (RegistryUnavailable, RegistryRateLimited) as exc:
        stale = cached_study(engine, nct_id)
        if stale is None:
            raise
        print(
            f"phasewatch: registry unavailable ({exc}); showing the cached record", file=sys.stderr
        )
        return stale
    save_study(engine, study, now)
    return study
