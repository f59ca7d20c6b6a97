"""The service commands: `poll`, `run`, `demo` and `backfill`."""

from __future__ import annotations

import argparse
import logging

from bot.cli.watch import ticker_lookup
from bot.domain.targets import parse_filter
from bot.runtime import build_runtime
from bot.slack.render import render_event_line
from bot.storage.events import alert_event
from bot.storage.store import events_for
from bot.usecases.backfill import plan_backfill, resolve_cik, run_backfill
from bot.usecases.poll import deliver, poll_once
from bot.usecases.registry_cycle import run_registry_cycle
from bot.usecases.settings import Settings

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
