"""Registry lookups: every alerted filing checked against ClinicalTrials.gov, off the alert's path.

When a filing is processed, the NCT ids written in its text are stored as trial mentions and,
if it owes alerts, a lookup is queued in the same transaction. The lookup job (its own scheduler
job, and `poll --once` after delivery) then matches each event to a registered trial: the ids
written in the filing first; otherwise a search by intervention (the drug and its aliases) and
sponsor (the company), filtered by phase. The outcome (registry lines) is stored, and the posted
alerts are updated by bot.usecases.registry_updates. A registry failure leaves the lookup
pending with backoff, a bounded number of times; the alert itself never waits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import timedelta

from bot.domain.kinds import phase_change
from bot.domain.registry import (
    TrialLine,
    choose_study,
    disagreement,
    drug_query,
    find_nct_ids,
    phase_digits,
    render_phases,
    render_study_line,
    sponsor_query,
)
from bot.storage.events import is_alertable
from bot.storage.models import EventRow
from bot.storage.registry_aliases import learn_aliases
from bot.storage.registry_rows import drug_names as known_names
from bot.storage.registry_rows import save_match
from bot.storage.registry_store import (
    cached_study,
    due_lookups,
    fail_lookup,
    finish_lookup,
    mentions,
    save_study,
)
from bot.storage.store import events_for, get_filing
from bot.usecases.context import Runtime
from bot.usecases.registry_watch import raise_status_alert
from watchers import (
    RegistryBadRequest,
    RegistryClient,
    RegistryError,
    RegistryRateLimited,
    RegistryUnavailable,
    Study,
    StudyNotFound,
)

log = logging.getLogger(__name__)
SEARCH_FIELDS = "NCTId,OverallStatus,Phase,InterventionName,InterventionOtherName,LeadSponsorName"


@dataclass
class LookupReport:
    """What one lookup cycle did."""

    done: int = 0
    retried: int = 0
    failed: int = 0
    outage: bool = False  # the registry was down or throttling: the rest waits


def filing_trials(texts: Iterable[str], most: int = 5) -> list[str]:
    """The NCT ids a filing's documents write, first seen first (at most `most`).

    The poll stores them with the filing (bot.storage.processed) and, when it owes alerts, queues
    the filing's lookup in the same transaction.
    """
    found: list[str] = []
    for text in texts:
        found.extend(n for n in find_nct_ids(text) if n not in found)
    return found[:most]


def run_lookups(rt: Runtime) -> LookupReport:
    """Do every due lookup; a registry outage ends the cycle (the rest wait for the next one)."""
    report = LookupReport()
    if rt.ctgov is None:
        return report
    for accession in due_lookups(rt.engine, rt.clock()):
        if rt.stop.is_set():
            break
        try:
            lines = lookup_filing(rt, rt.ctgov, accession)
        except RegistryError as exc:
            state = fail_lookup(rt.engine, accession, str(exc), rt.clock())
            report.failed += state == "failed"
            report.retried += state == "pending"
            log.warning("registry lookup of %s: %s (%s)", accession, exc, state)
            if isinstance(exc, RegistryUnavailable | RegistryRateLimited):
                report.outage = True
                break
            continue
        finish_lookup(rt.engine, accession, [asdict(line) for line in lines], rt.clock())
        report.done += 1
    return report


def lookup_filing(rt: Runtime, registry: RegistryClient, accession: str) -> list[TrialLine]:
    """The registry lines of one filing's alert: one per event with a drug, duplicates merged."""
    filing = get_filing(rt.engine, accession)
    if filing is None:
        return []
    events = [e for e in events_for(rt.engine, accession) if is_alertable(e) and e.drug]
    phases = [e for e in events if e.type == phase_change.NAME] or events
    written = [m.nct_id for m, _ in mentions(rt.engine, accession=accession) if m.source == "text"]
    studies = [s for n in written if (s := study(rt, registry, n, filing.cik)) is not None]
    lines: dict[str, TrialLine] = {}
    for event in phases:
        names = drug_names(rt, event)
        if written:
            line = match_written(event, studies, names)
        else:
            line = match_search(rt, registry, event, names, filing.company)
        if line.nct_id:
            source = "text" if written else "search"
            save_match(rt.engine, accession, event, line.nct_id, rt.clock(), source=source)
            matched = next((s for s in studies if s.nct_id == line.nct_id), None)
            learn_aliases(
                rt.engine, event.drug_id, matched or cached_study(rt.engine, line.nct_id), names
            )
        lines.setdefault(line.nct_id or line.text, line)
    return list(lines.values())


def study(rt: Runtime, registry: RegistryClient, nct_id: str, cik: int) -> Study | None:
    """The record, from the cache while fresh, else fetched (None when the registry has no such id).

    A fresh read whose status changed is also the registry watcher's news (raise_status_alert).
    """
    ttl = timedelta(hours=rt.settings.ctgov_ttl_hours)
    cached = cached_study(rt.engine, nct_id, rt.clock(), ttl)
    if cached is not None:
        return cached
    try:
        fetched = registry.fetch_study(nct_id)
    except StudyNotFound:
        log.info("registry has no %s (written in a filing of CIK %s)", nct_id, cik)
        return None
    before = save_study(rt.engine, fetched, rt.clock())
    raise_status_alert(rt, fetched, before, cik)
    return fetched


def drug_names(rt: Runtime, event: EventRow) -> list[str]:
    """The event's drug and every name the pipeline memory knows for it."""
    names = [event.drug] if event.drug else []
    if event.drug_id is not None:
        names.extend(n for n in known_names(rt.engine, event.drug_id) if n not in names)
    return names


def match_written(event: EventRow, studies: Sequence[Study], names: Sequence[str]) -> TrialLine:
    """Among the trials the filing names: the one that fits the event, or the only one."""
    fitting = choose_study(studies, names, event.phase)
    if len(fitting) == 1 or (not fitting and len(studies) == 1):
        return study_line(event, (fitting or list(studies))[0])
    count = len(fitting) or len(studies)
    what = _claim(event)
    if count == 0:
        text = f"Registry: none of the trials named is registered ({what})"
        return TrialLine(event.drug, text=text)
    return TrialLine(
        event.drug,
        text=f"Registry: {count} trials named in the filing could be {what}; no unambiguous match",
        candidates=count,
    )


def match_search(
    rt: Runtime, registry: RegistryClient, event: EventRow, names: Sequence[str], company: str
) -> TrialLine:
    """Search by intervention and sponsor, filtered by phase; a line only for a single fit."""
    sponsor = sponsor_query(company)
    params = {"query.intr": drug_query(names), "query.spons": sponsor, "fields": SEARCH_FIELDS}
    digits = sorted(phase_digits(event.phase))
    if digits:
        params["filter.advanced"] = " OR ".join(f"AREA[Phase]PHASE{d}" for d in digits)
    try:
        found = registry.search(params, page_size=50, max_pages=2)
    except RegistryBadRequest as exc:  # a refused field or filter: the plain search still works
        log.warning("registry refused the filtered search (%s); searching without filters", exc)
        plain = {k: v for k, v in params.items() if k.startswith("query.")}
        found = registry.search(plain, page_size=50, max_pages=2)
    fitting = choose_study(found.studies, names, event.phase)
    what = f"{_claim(event)} sponsored by {sponsor}"
    if len(fitting) == 1:
        full = study(rt, registry, fitting[0].nct_id, event.cik) or fitting[0]
        return study_line(event, full)
    if not fitting:
        return TrialLine(event.drug, text=f"Registry: no registered trial found for {what}")
    more = "" if found.complete else " or more"
    return TrialLine(
        event.drug,
        text=f"Registry: {len(fitting)}{more} candidate trials for {what}; no unambiguous match",
        candidates=len(fitting),
    )


def study_line(event: EventRow, found: Study) -> TrialLine:
    """The registry line of a matched trial, flagged when it contradicts the filing."""
    return TrialLine(
        event.drug,
        nct_id=found.nct_id,
        text=render_study_line(found),
        flag=disagreement(event.status, found),
    )


def _claim(event: EventRow) -> str:
    phase = render_phases([f"PHASE{d}" for d in sorted(phase_digits(event.phase))])
    return f"{event.drug} ({phase})" if phase != "no phase" else str(event.drug)
