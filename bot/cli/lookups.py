"""`phasewatch pipeline TARGET` and `phasewatch trial NCT…`: what is known, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import datetime, timedelta

from bot.cli.watch import ticker_lookup
from bot.runtime import make_registry_client
from bot.storage import Engine
from bot.storage.models import now_utc
from bot.storage.registry_store import cached_study, save_study
from bot.storage.store import create_db
from bot.storage.trial_queries import company_trials
from bot.usecases.backfill import resolve_cik
from bot.usecases.settings import Settings
from bot.views.pipeline import pipeline_view, render_pipeline_table
from bot.views.trials import (
    NCT_ARG,
    attach_trials,
    render_company_trials,
    render_trial_text,
    trial_view,
)
from watchers import (
    RegistryClient,
    RegistryRateLimited,
    RegistryUnavailable,
    Study,
)

log = logging.getLogger(__name__)


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
