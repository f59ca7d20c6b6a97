"""What `pipeline` reads: a company's drugs, their tracks and the events that moved them, as
plain records (bot.views.pipeline gives them the contract's JSON shape)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.domain.doses import DoseClaim
from bot.domain.drugs import NEWS
from bot.domain.kinds import EventDetail
from bot.storage.drug_memory import drugs_of, known_dose
from bot.storage.events import detail_of
from bot.storage.models import CompanyRow, DrugRow, DrugTrackRow, EventRow, FilingRow
from bot.storage.tracks import track_rank, tracks_of
from classifiers.events import PhaseStatus


@dataclass(frozen=True, slots=True)
class TrackRecord:
    """Where a drug stands in one indication ('' key: its early track)."""

    indication: str  # as written
    indication_key: str
    qualifier: str
    phase: str | None
    status: PhaseStatus
    since: date | None
    nct: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HistoryRecord:
    """One event that moved a drug, with the filing that told it."""

    filed: date | None
    accession: str
    detail: EventDetail


@dataclass(frozen=True, slots=True)
class DrugRecord:
    """A drug: its names, its known MTD/RP2D, its tracks (most advanced first), its history."""

    name: str
    names: tuple[str, ...]
    dose: DoseClaim | None
    tracks: tuple[TrackRecord, ...]
    history: tuple[HistoryRecord, ...]


@dataclass(frozen=True, slots=True)
class PipelineRecord:
    """A company and its drugs, in the order they were first seen."""

    cik: int
    company: str | None
    tickers: tuple[str, ...]
    drugs: tuple[DrugRecord, ...]


def read_pipeline(engine: Engine, cik: int) -> PipelineRecord:
    """Everything the pipeline memory knows of one company."""
    with Session(engine) as session:
        company = session.get(CompanyRow, cik)
        return PipelineRecord(
            cik=cik,
            company=company.name if company else None,
            tickers=tuple(company.ticker_list) if company else (),
            drugs=tuple(_drug(session, drug) for drug in drugs_of(session, cik)),
        )


def _drug(session: Session, drug: DrugRow) -> DrugRecord:
    tracks = sorted(tracks_of(session, drug), key=track_rank, reverse=True)
    return DrugRecord(
        name=drug.name,
        names=tuple(n for n in drug.names.split("|") if n),
        dose=known_dose(drug),
        tracks=tuple(_track(t) for t in tracks),
        history=_history(session, drug),
    )


def _track(track: DrugTrackRow) -> TrackRecord:
    return TrackRecord(
        indication=track.indication,
        indication_key=track.indication_key,
        qualifier=track.qualifier,
        phase=track.phase,
        status=track.status,
        since=track.since,
        nct=tuple(n for n in track.nct.strip(",").split(",") if n),
    )


def _history(session: Session, drug: DrugRow) -> tuple[HistoryRecord, ...]:
    """Every event that moved the drug, in the order filed (repeats and stale recaps are not)."""
    rows = session.exec(
        select(EventRow, FilingRow)
        .join(FilingRow, col(FilingRow.accession) == col(EventRow.accession))
        .where(EventRow.drug_id == drug.id, col(EventRow.change).in_(NEWS))
        .order_by(col(FilingRow.filed), col(FilingRow.accepted), col(EventRow.id))
    ).all()
    return tuple(HistoryRecord(f.filed, f.accession, detail_of(e)) for e, f in rows)
