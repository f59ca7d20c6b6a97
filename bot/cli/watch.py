"""`phasewatch watch add|list|remove`: channel watchlists from the command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from bot.runtime import make_edgar_client
from bot.storage import Engine
from bot.storage.models import CompanyRow, now_utc
from bot.storage.store import create_db, find_company_by_ticker, save_companies
from bot.storage.watches import (
    TickerLookup,
    add_watch,
    list_watches,
    remove_watch,
    watch_to_dict,
)
from bot.usecases.settings import Settings
from watchers import fetch_company_tickers

log = logging.getLogger(__name__)


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
