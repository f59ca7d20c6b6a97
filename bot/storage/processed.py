"""A processed filing stored in one transaction: its events, documents, alerts and trial mentions.

The poll (bot.usecases.poll) fetches and classifies; this module writes the outcome so that a
crash can never leave a filing done without its deliveries or its registry lookup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.storage import Engine
from bot.storage.drug_memory import remember_events
from bot.storage.models import EventRow
from bot.storage.outbox import add_alerts
from bot.storage.registry_store import add_mentions, queue_lookup
from bot.storage.store import add_processed_filing, mark_filing_done
from watchers import FetchedFiling


@dataclass(frozen=True)
class Processed:
    """What storing one processed filing did."""

    types: tuple[str, ...]  # the type of each event kept (after the pipeline memory merged them)
    alerts: int  # deliveries owed


def save_processed_filing(
    engine: Engine,
    fetched: FetchedFiling,
    found: Sequence[EventRow],
    texts: Mapping[str, str],
    now: datetime,
    *,
    nct_ids: Sequence[str] = (),
    lookups: bool = False,
) -> Processed | None:
    """Mark the filing done and store its events (judged by the pipeline memory), documents,
    alerts and the NCT ids its text writes; queue a registry lookup when `lookups` and it owes
    alerts. None when another process stored the filing meanwhile (nothing written)."""
    filing = fetched.filing
    with Session(engine) as session:
        if not mark_filing_done(session, filing.accession, now):
            return None
        rows = remember_events(session, filing.cik, filing.filed, found, texts)
        types = tuple(row.type for row in rows)  # read before the commit expires the rows
        only = sole_drug(rows)
        add_processed_filing(session, fetched, rows, now)
        queued = add_alerts(session, filing.accession, now)
        add_mentions(
            session,
            filing.accession,
            filing.cik,
            nct_ids,
            now,
            drug=only.drug if only else None,
            indication=only.indication if only else None,
            drug_id=only.drug_id if only else None,
        )
        if queued and lookups:
            queue_lookup(session, filing.accession, now)
        session.commit()
    return Processed(types, queued)


def sole_drug(rows: Sequence[EventRow]) -> EventRow | None:
    """The event of the filing's only drug, when it names one (its trials are that drug's)."""
    drugs = {r.drug_id: r for r in rows if r.drug}
    return next(iter(drugs.values())) if len(drugs) == 1 else None
