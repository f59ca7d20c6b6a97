"""The registry use cases' own reads and writes: a drug's names, a matched trial, a status filing.

Used by bot.usecases.registry_lookup, registry_watch and registry_updates (the registry cache,
mentions and lookup queue themselves are bot.storage.registry_store).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot.domain.alerts import Alert
from bot.storage import Engine
from bot.storage.drug_memory import remember_events
from bot.storage.models import DrugRow, EventRow, FilingRow, TrialMentionRow
from bot.storage.outbox import add_alerts, build_alert
from bot.storage.registry_store import add_mentions


def drug_names(engine: Engine, drug_id: int) -> list[str]:
    """Every display name the pipeline memory knows for a drug ([] for an unknown id)."""
    with Session(engine) as session:
        drug = session.get(DrugRow, drug_id)
    return [n for n in drug.names.split("|") if n] if drug is not None else []


def save_match(
    engine: Engine, accession: str, event: EventRow, nct_id: str, now: datetime, *, source: str
) -> None:
    """Tie a matched trial to the filing and the event's drug and indication (pipeline NCT ids)."""
    with Session(engine) as session:
        add_mentions(
            session,
            accession,
            event.cik,
            [nct_id],
            now,
            source=source,
            drug=event.drug,
            indication=event.indication,
            drug_id=event.drug_id,
        )
        session.commit()


def latest_mention(engine: Engine, nct_id: str, cik: int) -> TrialMentionRow | None:
    """The company's latest mention of a trial, one that names a drug first."""
    query = (
        select(TrialMentionRow)
        .where(TrialMentionRow.nct_id == nct_id, TrialMentionRow.cik == cik)
        .order_by(col(TrialMentionRow.drug).is_(None), col(TrialMentionRow.id).desc())
    )
    with Session(engine) as session:
        return session.exec(query).first()


def save_registry_filing(
    engine: Engine, filing: FilingRow, event: EventRow, now: datetime
) -> int | None:
    """Store a registry "filing" (done) with its one event, judged by the pipeline memory, and
    owe its alerts; returns how many (None: that accession is already stored, nothing written)."""
    with Session(engine) as session:
        query = select(FilingRow.id).where(FilingRow.accession == filing.accession)
        if session.exec(query).first() is not None:
            return None
        session.add(filing)
        session.flush()
        for kept in remember_events(session, filing.cik, now.date(), [event], {}):
            session.add(kept)
        session.flush()
        queued = add_alerts(session, filing.accession, now)
        session.commit()
    return queued


def load_alert(engine: Engine, channel: str, accession: str, keys: list[str]) -> Alert:
    """The alert for these events of one filing in one channel, as it was posted."""
    with Session(engine) as session:
        return build_alert(session, channel, accession, keys)
