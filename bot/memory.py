"""Pipeline memory: each company's drugs, where each stands, and what an event changed.

Called inside the transaction that stores a filing: every event is tied to a drug (aliases
merged), judged against the drug's known state (new, advance, repeat, stale), and the state is
moved forward by news only. Backfilled filings go through the same path, oldest first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlmodel import Session, col, select

from bot.drugs import (
    Change,
    Known,
    find_aliases,
    judge,
    name_key,
    normalise_indication,
    split_names,
)
from bot.events import build_key
from bot.models import DrugRow, DrugTrackRow, EventRow

NEWS: tuple[Change, ...] = ("new", "advance")


def remember_events(
    session: Session,
    cik: int,
    filed: date | None,
    rows: Sequence[EventRow],
    texts: Mapping[str, str],
) -> list[EventRow]:
    """Tie each event to its drug and judge it; returns the rows to store (aliases deduplicated)."""
    kept: dict[str, EventRow] = {}
    for row in rows:
        drug = None
        if row.drug:
            drug = resolve_drug(session, cik, row.drug, texts.get(row.document_url, ""))
            row.drug_id, row.key = drug.id, canonical_key(row, drug.key)
        if row.key in kept:
            continue  # the same news under two names of one drug
        kept[row.key] = row
        if drug is None:
            row.change = "new"
        elif row.type == "phase_change":
            _judge_phase(session, drug, row, filed)
        else:
            _judge_mtd(session, drug, row, filed)
    return list(kept.values())


def canonical_key(row: EventRow, drug_key: str) -> str:
    """The event key with the drug's canonical name, so aliases of one drug share keys."""
    if row.type == "phase_change":
        return build_key(row.type, row.status, row.phase, None, drug_key)
    dose = f"{row.dose_value:g}{row.dose_unit}" if row.dose_value is not None else None
    return build_key(row.type, row.kind, None, "nr" if row.not_reached else dose, drug_key)


def resolve_drug(session: Session, cik: int, raw: str, text: str) -> DrugRow:
    """The company's drug named `raw` (or by an alias of it), created on first sight."""
    names = split_names(raw) or [raw]
    for name in list(names):
        names.extend(a for a in find_aliases(text, name) if a not in names)
    keys = {name_key(n) for n in names if name_key(n)}
    drugs = session.exec(select(DrugRow).where(DrugRow.cik == cik)).all()
    drug = next((d for d in drugs if keys & set(d.aliases.strip(",").split(","))), None)
    if drug is None:
        drug = DrugRow(cik=cik, name=names[0], key=name_key(names[0]))
    known = [k for k in drug.aliases.strip(",").split(",") if k]
    drug.aliases = "," + ",".join(dict.fromkeys([*known, *sorted(keys)])) + ","
    spellings = [s for s in drug.names.split("|") if s]
    drug.names = "|".join(dict.fromkeys([*spellings, *names]))
    session.add(drug)
    session.flush()
    return drug


def _track_for(session: Session, drug: DrugRow, indication: str | None) -> DrugTrackRow | None:
    """The drug's track for this indication: by name, else its only (or latest) track."""
    tracks = session.exec(select(DrugTrackRow).where(DrugTrackRow.drug_id == drug.id)).all()
    key = normalise_indication(indication)
    if key:
        named = next((t for t in tracks if t.indication_key == key), None)
        unnamed = [t for t in tracks if not t.indication_key]
        return named or (unnamed[0] if len(tracks) == 1 and unnamed else None)
    return max(tracks, key=lambda t: (t.since or date.min, t.id or 0), default=None)


def _judge_phase(session: Session, drug: DrugRow, row: EventRow, filed: date | None) -> None:
    track = _track_for(session, drug, row.indication)
    known = Known(track.phase, track.status, track.since) if track else None
    row.change = judge(known, row.phase, row.status or "planned", filed)
    if track is not None:
        row.prev_phase, row.prev_status, row.track_id = track.phase, track.status, track.id
    if row.change not in NEWS:
        return
    if track is None:
        track = DrugTrackRow(drug_id=drug.id or 0)
    if row.indication and not track.indication_key:
        track.indication = row.indication
        track.indication_key = normalise_indication(row.indication)
    track.phase, track.status, track.since = row.phase, row.status or "planned", filed
    track.accession = row.accession
    session.add(track)
    session.flush()
    row.track_id = track.id


def _judge_mtd(session: Session, drug: DrugRow, row: EventRow, filed: date | None) -> None:
    told = session.exec(
        select(EventRow.id).where(
            EventRow.drug_id == drug.id,
            EventRow.key == row.key,
            EventRow.accession != row.accession,
        )
    ).first()
    if told is not None:
        row.change = "repeat"
    elif drug.mtd_since and filed and filed < drug.mtd_since:
        row.change = "stale"
    else:
        row.change = "advance" if drug.mtd_kind else "new"
    if row.change in NEWS and (row.kind == "MTD" or drug.mtd_kind != "MTD"):
        drug.mtd_kind, drug.mtd_value, drug.mtd_unit = row.kind, row.dose_value, row.dose_unit
        drug.mtd_schedule, drug.mtd_not_reached, drug.mtd_since = (
            row.schedule,
            row.not_reached,
            filed,
        )
        session.add(drug)


def drugs_of(session: Session, cik: int) -> list[DrugRow]:
    """A company's drugs, in the order they were first seen."""
    return list(session.exec(select(DrugRow).where(DrugRow.cik == cik).order_by(col(DrugRow.id))))
