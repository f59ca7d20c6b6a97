"""The registry watcher: the known trials of watched companies re-read on their own schedule.

One pass reads every known NCT id's status and lastUpdatePostDate in a few light requests
(filter.ids with a fields subset, 200 ids a request); only a trial whose lastUpdatePostDate or
status moved is read in full. A status change to TERMINATED, SUSPENDED, WITHDRAWN, COMPLETED or
ACTIVE_NOT_RECRUITING becomes an alert of its own: a registry "filing" (form ClinicalTrials.gov,
accession `ctgov-NCT…-status-date`) with one phase event, judged by the pipeline memory and owed
to the watching channels exactly like a filing's events. The same status read again is no news.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from bot.domain.drugs import name_key
from bot.domain.event_keys import build_key
from bot.domain.kinds import phase_change
from bot.domain.registry import status_change_news, study_phase
from bot.storage.models import EventRow, FilingRow, TrialMentionRow
from bot.storage.registry_rows import latest_mention, save_registry_filing
from bot.storage.registry_store import cached_row, known_trials, save_baseline, save_study
from bot.storage.state import is_due, save_state
from bot.storage.store import get_company
from bot.storage.watches import list_watches
from bot.usecases.context import Runtime
from classifiers.events import PhaseStatus
from watchers import RegistryError, Study

log = logging.getLogger(__name__)
REGISTRY_FORM = "ClinicalTrials.gov"


@dataclass
class RegistryPassReport:
    """What one registry pass did."""

    trials: int = 0
    changed: int = 0
    alerts_queued: int = 0
    requests: int = 0
    error: str | None = None


def registry_pass_due(rt: Runtime) -> bool:
    """True when the last pass is older than PHASEWATCH_CTGOV_WATCH_HOURS (or never ran)."""
    every = timedelta(hours=rt.settings.ctgov_watch_hours)
    return rt.ctgov is not None and is_due(rt.engine, "registry_pass", every, rt.clock())


def run_registry_pass(rt: Runtime) -> RegistryPassReport:
    """Re-read the known trials of watched companies; alert on news-worthy status changes."""
    report = RegistryPassReport()
    if rt.ctgov is None:
        return report
    ciks = {w.cik for w in list_watches(rt.engine) if w.cik is not None}
    trials = known_trials(rt.engine, ciks)
    report.trials = len(trials)
    sent = rt.ctgov.requests
    try:
        light = rt.ctgov.fetch_statuses(list(trials))
        for seen in light.studies:
            if rt.stop.is_set():
                break
            row = cached_row(rt.engine, seen.nct_id)
            if row is None:  # first sight: the light read is the baseline, no news
                save_baseline(rt.engine, seen)
                continue
            if (row.status, row.last_update_posted) == (seen.status, seen.last_update_posted):
                continue
            full = rt.ctgov.fetch_study(seen.nct_id)
            before = save_study(rt.engine, full, rt.clock())
            report.changed += before is not None and before != full.status
            report.alerts_queued += raise_status_alert(rt, full, before, trials[seen.nct_id])
    except RegistryError as exc:
        report.error = str(exc)
        log.warning("registry pass stopped: %s; the rest waits for the next pass", exc)
    report.requests = rt.ctgov.requests - sent
    save_state(rt.engine, "registry_pass", json.dumps(asdict(report)), rt.clock())
    return report


def raise_status_alert(rt: Runtime, study: Study, before: str | None, cik: int) -> int:
    """Turn a status change worth telling into a registry filing and its alerts; returns them."""
    news = status_change_news(before, study.status)
    if news is None or study.status is None:
        return 0
    now = rt.clock()
    updated = (study.last_update_posted or now.date()).isoformat()
    accession = f"ctgov-{study.nct_id}-{study.status.lower()}-{updated}"
    company = get_company(rt.engine, cik)
    name = company.name if company else study.sponsor.name if study.sponsor else ""
    filing = _status_filing(study, accession, cik, name, now)
    mention = latest_mention(rt.engine, study.nct_id, cik)
    drug = (mention.drug if mention else None) or _drug_of(study)
    row = _status_event(study, before, news, filing, drug=drug, mention=mention)
    queued = save_registry_filing(rt.engine, filing, row, now)
    if queued is None:
        return 0  # told already (this status, this update date)
    log.info("registry: %s %s → %s, %d alerts", study.nct_id, before, study.status, queued)
    return queued


def _status_filing(
    study: Study, accession: str, cik: int, company: str, now: datetime
) -> FilingRow:
    """The registry "filing" a status change is told as (done: its event comes with it)."""
    return FilingRow(
        accession=accession,
        cik=cik,
        company=company,
        form=REGISTRY_FORM,
        index_url=study.url,
        filed=now.date(),
        accepted=now,
        state="done",
        source="registry",
        seen_at=now,
        processed_at=now,
    )


def _status_event(
    study: Study,
    before: str | None,
    news: PhaseStatus,
    filing: FilingRow,
    *,
    drug: str | None,
    mention: TrialMentionRow | None,
) -> EventRow:
    phase = study_phase(study.phases)
    why = f" Why stopped: {study.why_stopped}." if study.why_stopped else ""
    posted = study.last_update_posted.isoformat() if study.last_update_posted else "recently"
    evidence = (
        f"ClinicalTrials.gov lists {study.nct_id} as {study.status} (it was {before}); "
        f"last update posted {posted}.{why}"
    )
    return EventRow(
        accession=filing.accession,
        cik=filing.cik,
        key=build_key(phase_change.NAME, news, phase, None, name_key(drug)),
        type=phase_change.NAME,
        status=news,
        phase=phase,
        drug=drug,
        indication=mention.indication if mention else None,
        evidence=evidence,
        confidence=1.0,
        document_url=study.url,
        document_type="registry",
        created_at=filing.accepted,
    )


def _drug_of(study: Study) -> str | None:
    """The first drug or biological the study names (when no filing tied it to a drug)."""
    kinds = ("DRUG", "BIOLOGICAL", "GENETIC", "COMBINATION_PRODUCT")
    return next((i.name for i in study.interventions if i.type in kinds), None)
