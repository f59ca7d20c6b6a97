"""Persistence of the registry side: cached trial records (with a time-to-live), trial mentions,
the queue of registry lookups, and which posted alerts were given their registry line.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import asdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_
from sqlmodel import Session, col, select

from bot.storage.models import (
    DeliveryRow,
    FilingRow,
    RegistryLookupRow,
    RegistryStudyRow,
    RegistryUpdateRow,
    TrialMentionRow,
)
from watchers import Enrollment, Intervention, PartialDate, Sponsor, Study

MAX_LOOKUP_ATTEMPTS = 6
LOOKUP_RETRY_BASE = timedelta(minutes=1)


def study_to_json(study: Study) -> str:
    """Our Study record as JSON (dates as ISO strings)."""
    return json.dumps(asdict(study), default=lambda v: v.isoformat() if isinstance(v, date) else v)


def study_from_json(text: str) -> Study:
    """The Study stored by `study_to_json`."""
    data: dict[str, Any] = json.loads(text)
    for key in ("start", "primary_completion"):
        data[key] = PartialDate(**data[key]) if data.get(key) else None
    data["enrollment"] = Enrollment(**data["enrollment"]) if data.get("enrollment") else None
    data["sponsor"] = Sponsor(**data["sponsor"]) if data.get("sponsor") else None
    data["interventions"] = tuple(
        Intervention(i["type"], i["name"], tuple(i["other_names"])) for i in data["interventions"]
    )
    posted = data.get("last_update_posted")
    data["last_update_posted"] = date.fromisoformat(posted) if posted else None
    data["phases"], data["conditions"] = tuple(data["phases"]), tuple(data["conditions"])
    return Study(**data)


def save_study(engine: Engine, study: Study, now: datetime) -> str | None:
    """Cache a full record; returns the status it had before (None when first read)."""
    with Session(engine) as session:
        row = session.get(RegistryStudyRow, study.nct_id)
        before = row.status if row is not None else None
        row = row or RegistryStudyRow(nct_id=study.nct_id)
        row.status, row.last_update_posted = study.status, study.last_update_posted
        row.record, row.fetched_at = study_to_json(study), now
        session.add(row)
        session.commit()
        return before


def save_baseline(engine: Engine, seen: Study) -> None:
    """Remember a trial's status from a light read, without a record (nothing cached to serve)."""
    with Session(engine) as session:
        if session.get(RegistryStudyRow, seen.nct_id) is None:
            row = RegistryStudyRow(nct_id=seen.nct_id, status=seen.status)
            row.last_update_posted = seen.last_update_posted
            session.add(row)
            session.commit()


def cached_study(
    engine: Engine, nct_id: str, now: datetime | None = None, ttl: timedelta | None = None
) -> Study | None:
    """The cached record; None when absent, or older than `ttl` when one is given."""
    with Session(engine) as session:
        row = session.get(RegistryStudyRow, nct_id)
    if row is None or row.fetched_at is None:
        return None
    if now is not None and ttl is not None and now - row.fetched_at > ttl:
        return None
    return study_from_json(row.record)


def cached_row(engine: Engine, nct_id: str) -> RegistryStudyRow | None:
    """The cache row itself (status, lastUpdatePostDate, when it was read)."""
    with Session(engine) as session:
        return session.get(RegistryStudyRow, nct_id)


def add_mentions(
    session: Session,
    accession: str,
    cik: int,
    nct_ids: Iterable[str],
    now: datetime,
    *,
    source: str = "text",
    drug: str | None = None,
    indication: str | None = None,
    drug_id: int | None = None,
) -> None:
    """Tie trials to a filing (once each); an existing mention learns its drug when told."""
    for nct in nct_ids:
        row = session.exec(
            select(TrialMentionRow).where(
                TrialMentionRow.accession == accession, TrialMentionRow.nct_id == nct
            )
        ).first() or TrialMentionRow(accession=accession, nct_id=nct, cik=cik, source=source)
        row.drug, row.indication = drug or row.drug, indication or row.indication
        row.drug_id = drug_id or row.drug_id
        row.created_at = row.created_at or now
        session.add(row)
    session.flush()


def mentions(
    engine: Engine, *, nct_id: str | None = None, accession: str | None = None
) -> list[tuple[TrialMentionRow, FilingRow]]:
    """Trial mentions with their filings, oldest filing first."""
    with Session(engine) as session:
        query = select(TrialMentionRow, FilingRow).join(
            FilingRow, col(FilingRow.accession) == col(TrialMentionRow.accession)
        )
        if nct_id is not None:
            query = query.where(TrialMentionRow.nct_id == nct_id)
        if accession is not None:
            query = query.where(TrialMentionRow.accession == accession)
        order = (col(FilingRow.filed), col(TrialMentionRow.id))
        return [(m, f) for m, f in session.exec(query.order_by(*order))]


def known_trials(engine: Engine, ciks: Collection[int]) -> dict[str, int]:
    """Every NCT id tied to one of these companies, with its company (the registry watch list)."""
    with Session(engine) as session:
        query = select(TrialMentionRow.nct_id, TrialMentionRow.cik).where(
            col(TrialMentionRow.cik).in_(list(ciks) or [-1])
        )
        return dict(session.exec(query.order_by(col(TrialMentionRow.id))).all())


def queue_lookup(session: Session, accession: str, now: datetime) -> None:
    """Owe the filing a registry lookup (in the caller's transaction, beside its alerts)."""
    query = select(RegistryLookupRow.id).where(RegistryLookupRow.accession == accession)
    if session.exec(query).first() is None:
        session.add(RegistryLookupRow(accession=accession, created_at=now))


def due_lookups(engine: Engine, now: datetime, limit: int = 20) -> list[str]:
    """Accessions whose lookup is pending and due, oldest first."""
    with Session(engine) as session:
        query = (
            select(RegistryLookupRow.accession)
            .where(RegistryLookupRow.state == "pending")
            .where(
                col(RegistryLookupRow.next_attempt_at).is_(None)
                | (col(RegistryLookupRow.next_attempt_at) <= now)
            )
            .order_by(col(RegistryLookupRow.id))
            .limit(limit)
        )
        return list(session.exec(query))


def finish_lookup(
    engine: Engine, accession: str, outcome: list[dict[str, Any]], now: datetime
) -> None:
    """Record a lookup's outcome (the registry lines) as done."""
    with Session(engine) as session:
        row = _lookup(session, accession)
        row.state, row.outcome, row.done_at, row.last_error = "done", json.dumps(outcome), now, None
        session.add(row)
        session.commit()


def fail_lookup(engine: Engine, accession: str, error: str, now: datetime) -> str:
    """Count a failed lookup; back off, give up after MAX_LOOKUP_ATTEMPTS. Returns the state."""
    with Session(engine) as session:
        row = _lookup(session, accession)
        row.attempts += 1
        row.last_error = error[:500]
        row.next_attempt_at = now + LOOKUP_RETRY_BASE * 2 ** (row.attempts - 1)
        row.state = "failed" if row.attempts >= MAX_LOOKUP_ATTEMPTS else "pending"
        session.add(row)
        session.commit()
        return row.state


def get_lookup(engine: Engine, accession: str) -> RegistryLookupRow | None:
    """The lookup row of a filing, or None."""
    with Session(engine) as session:
        query = select(RegistryLookupRow).where(RegistryLookupRow.accession == accession)
        return session.exec(query).first()


def _lookup(session: Session, accession: str) -> RegistryLookupRow:
    query = select(RegistryLookupRow).where(RegistryLookupRow.accession == accession)
    return session.exec(query).one()


def messages_to_update(engine: Engine, limit: int = 50) -> list[tuple[str, str, str, list[str]]]:
    """(accession, channel, ts, event keys) of posted first tellings whose lookup is done and
    which were not yet given their registry line."""
    updated = and_(
        col(RegistryUpdateRow.channel) == col(DeliveryRow.channel),
        col(RegistryUpdateRow.ts) == col(DeliveryRow.ts),
    )
    with Session(engine) as session:
        query = (
            select(DeliveryRow)
            .join(RegistryLookupRow, col(RegistryLookupRow.accession) == col(DeliveryRow.accession))
            .outerjoin(RegistryUpdateRow, updated)
            .where(RegistryLookupRow.state == "done", RegistryLookupRow.outcome != "[]")
            .where(DeliveryRow.state == "sent", col(DeliveryRow.repeat_of).is_(None))
            .where(col(DeliveryRow.ts).is_not(None), col(RegistryUpdateRow.id).is_(None))
            .order_by(col(DeliveryRow.id))
            .limit(limit * 10)
        )
        groups: dict[tuple[str, str, str], list[str]] = {}
        for row in session.exec(query):
            groups.setdefault((row.accession, row.channel, row.ts or ""), []).append(row.event_key)
    return [(a, c, t, keys) for (a, c, t), keys in groups.items()][:limit]


def record_update(
    engine: Engine, accession: str, channel: str, ts: str, *, how: str, now: datetime
) -> None:
    """Remember that a posted alert got its registry line (or that it could not)."""
    with Session(engine) as session:
        row = RegistryUpdateRow(
            accession=accession, channel=channel, ts=ts, how=how, created_at=now
        )
        session.add(row)
        session.commit()


def lookup_outcome(engine: Engine, accession: str) -> list[dict[str, Any]]:
    """The stored registry lines of a filing ([] when none or not done)."""
    row = get_lookup(engine, accession)
    if row is None or row.state != "done" or not row.outcome:
        return []
    return list(json.loads(row.outcome))
