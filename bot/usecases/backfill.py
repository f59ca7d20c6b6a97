"""`phasewatch backfill TARGET [--since DATE]`: classify a company's past filings.

Filings come from the data.sec.gov submissions JSON (recent list, and the older page files when
`--since` reaches past it). They are stored and classified like live ones, but alert nobody
unless `--post` is given, so a company's history is known before its first live alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.targets import WatchError, parse_target
from bot.storage.store import pending_filings, save_companies, save_new_filings
from bot.storage.watches import TickerLookup
from bot.usecases.context import Runtime
from bot.usecases.poll import PollReport, process_filing
from watchers import Filing, fetch_submissions


@dataclass(frozen=True)
class BackfillPlan:
    """Which filings a backfill will read."""

    cik: int
    company: str
    filings: tuple[Filing, ...]


def resolve_cik(target_text: str, lookup: TickerLookup) -> int:
    """A ticker or CIK target as a CIK; sic: and all are refused (backfill is per company)."""
    target = parse_target(target_text)
    if target.kind == "cik":
        return int(target.value)
    if target.kind == "ticker":
        company = lookup(target.value)
        if company is None:
            raise WatchError(f"unknown ticker {target.value}")
        return company.cik
    raise WatchError("backfill takes one company: a ticker or a CIK")


def plan_backfill(
    rt: Runtime, cik: int, since: date | None, forms: tuple[str, ...]
) -> BackfillPlan:
    """The company's filings of `forms` since `since` (submissions JSON), oldest first."""
    company, recent = fetch_submissions(rt.edgar, cik)
    oldest = min((f.filed for f in recent if f.filed), default=None)
    if since is not None and oldest is not None and since < oldest:
        company, recent = fetch_submissions(rt.edgar, cik, include_older=True)
    save_companies(rt.engine, [company], rt.clock())
    wanted = [
        f
        for f in recent
        if f.form in forms and (since is None or (f.filed is not None and f.filed >= since))
    ]
    wanted.sort(key=lambda f: (f.filed or date.min, f.accession))
    return BackfillPlan(cik, company.name, tuple(wanted))


def run_backfill(rt: Runtime, plan: BackfillPlan, *, post: bool) -> PollReport:
    """Store and classify every planned filing not seen before; alert only when `post`."""
    report = PollReport()
    added = set(
        save_new_filings(rt.engine, plan.filings, rt.clock(), source="backfill", notify=post)
    )
    report.new_filings = len(added)
    for filing in pending_filings(rt.engine, rt.clock(), limit=10_000):
        if filing.accession in added:
            process_filing(rt, filing, report)
    return report
