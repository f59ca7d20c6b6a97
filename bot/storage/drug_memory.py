"""Pipeline memory: each company's drugs, where each stands, and what an event changed.

Called inside the transaction that stores a filing. Every event with a drug is tied to the drug
(its names merged, across filings too: `bot.storage.aliases`) and to one of its tracks, an
indication as analysts read it (`bot.domain.indications`, `bot.storage.tracks`), then judged:
against the track when the drug was seen in that indication, against the drug's most advanced
track when not (a later phase names the move, `Phase 1 (advanced solid tumors) → Phase 2
started`; the same or an earlier one is a new indication). State moves forward by news only. An
event without a drug never moves a drug: it is alerted as an unnamed drug when it stands in a
release's headline or lead, and set aside otherwise. Backfilled filings go through the same
path, oldest first. `attach_nct` is where the registry client records the trials matched to a
track.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlmodel import Session, col, select

from bot.domain.doses import DoseClaim, judge_dose, replaces
from bot.domain.drugs import NEWS, Change, Known, judge, phase_rank
from bot.domain.event_keys import in_lead
from bot.domain.indications import Indication, parse_indication
from bot.domain.kinds import TrackClaim
from bot.storage.aliases import resolve_drug
from bot.storage.events import detail_of
from bot.storage.models import DrugRow, DrugTrackRow, EventRow
from bot.storage.tracks import (
    adopt_indication,
    best_track,
    canonical_key,
    describe_track,
    merge_ncts,
    track_for,
    tracks_of,
)


def remember_events(
    session: Session,
    cik: int,
    filed: date | None,
    rows: Sequence[EventRow],
    texts: Mapping[str, str],
) -> list[EventRow]:
    """Tie each event to its drug and judge it; returns the rows to store (aliases deduplicated).

    The event's kind says what it claims (`track_claim`, `dose_claim`): a track claim is judged
    on the drug's tracks, a dose claim on its known dose, an event with neither by repetition.
    """
    kept: dict[str, EventRow] = {}
    for row in rows:
        if not row.drug:
            text = texts.get(row.document_url, "")
            row.change = "unnamed" if in_lead(text, row.document_type, row.start) else "aside"
            kept.setdefault(row.key, row)
            continue
        drug = resolve_drug(session, cik, row.drug, texts.get(row.document_url, ""))
        row.drug_id = drug.id
        detail = detail_of(row)
        if (claim := detail.track_claim()) is not None:
            known = {t.indication_key for t in tracks_of(session, drug)}
            indication = parse_indication(claim.indication, known)
            track = track_for(session, drug, indication, claim.phase)
            if track is not None and indication.key and not track.indication_key:
                adopt_indication(session, drug, track, indication)
            row.key = canonical_key(
                row, drug.key, track.indication_key if track else indication.key
            )
            if row.key not in kept:
                _judge_track(session, drug, row, claim, filed=filed, track=track, where=indication)
        else:
            row.key = canonical_key(row, drug.key, "")
            if row.key not in kept:
                _judge_other(session, drug, row, detail.dose_claim(), filed)
        kept.setdefault(row.key, row)  # the same news under two names of one drug goes once
    return list(kept.values())


def _judge_track(
    session: Session,
    drug: DrugRow,
    row: EventRow,
    claim: TrackClaim,
    *,
    filed: date | None,
    track: DrugTrackRow | None,
    where: Indication,
) -> None:
    status = claim.status
    if track is not None and status == "planned" and track.status != "planned":
        row.change, row.track_id = "plan", track.id  # the next step of a trial under way
    elif track is not None:
        row.change = judge(
            Known(track.phase, track.status, track.since), claim.phase, status, filed
        )
        row.prev_phase, row.prev_status, row.track_id = track.phase, track.status, track.id
        if track.status == "planned" and row.change == "advance":
            _name_the_move(row, claim, [t for t in tracks_of(session, drug) if t.id != track.id])
    else:
        row.change = _judge_new_track(best_track(tracks_of(session, drug)), row, claim, where)
    if row.change not in NEWS:
        return
    if track is None:
        track = DrugTrackRow(drug_id=drug.id or 0, indication_key=where.key)
    if where.text:
        track.indication, track.qualifier = where.text, where.qualifier or ""
    track.phase, track.status, track.since = claim.phase, status, filed
    track.accession = row.accession
    session.add(track)
    session.flush()
    row.track_id = track.id


def _name_the_move(row: EventRow, claim: TrackClaim, others: Sequence[DrugTrackRow]) -> None:
    """A start on a track that was only planned moves the drug from its best phase elsewhere."""
    best = best_track([t for t in others if t.status != "planned"])
    if best is not None and phase_rank(best.phase) < phase_rank(claim.phase):
        row.prev_phase, row.prev_status = best.phase, best.status
        row.prev_indication = describe_track(best) or None


def _judge_new_track(
    best: DrugTrackRow | None, row: EventRow, claim: TrackClaim, indication: Indication
) -> Change:
    """A drug's first event in an indication: first seen, past its best phase, or beside it."""
    if best is None:
        return "new"
    if phase_rank(claim.phase) > phase_rank(best.phase):
        row.prev_phase, row.prev_status = best.phase, best.status
        row.prev_indication = describe_track(best) or None
        return "advance"
    return "new_indication" if indication.key else "new_trial"


def _judge_other(
    session: Session, drug: DrugRow, row: EventRow, dose: DoseClaim | None, filed: date | None
) -> None:
    """A dose news against the drug's known dose; any other news is new until told again."""
    told = session.exec(
        select(EventRow.id).where(
            EventRow.drug_id == drug.id,
            EventRow.key == row.key,
            EventRow.accession != row.accession,
        )
    ).first()
    if dose is None:
        row.change = "repeat" if told is not None else "new"
        return
    known, since = drug.mtd_kind, drug.mtd_since
    row.change = judge_dose(told=told is not None, known=known, since=since, filed=filed)
    if row.change in NEWS and replaces(dose.kind, known):
        drug.mtd_kind, drug.mtd_value, drug.mtd_unit = dose.kind, dose.value, dose.unit
        drug.mtd_schedule, drug.mtd_not_reached, drug.mtd_since = (
            dose.schedule,
            dose.not_reached,
            filed,
        )
        session.add(drug)


def attach_nct(session: Session, track_id: int, ncts: Sequence[str]) -> None:
    """Record registry ids (NCT…) matched to a track; `pipeline --json` lists them as `nct`."""
    track = session.get(DrugTrackRow, track_id)
    if track is not None:
        track.nct = merge_ncts(track.nct, ",".join(n.upper() for n in ncts))
        session.add(track)


def known_dose(drug: DrugRow) -> DoseClaim | None:
    """The drug's known MTD or RP2D, when a dose was stated."""
    if drug.mtd_kind is None or drug.mtd_value is None:
        return None
    return DoseClaim(drug.mtd_kind, drug.mtd_value, drug.mtd_unit, drug.mtd_schedule)


def drugs_of(session: Session, cik: int) -> list[DrugRow]:
    """A company's drugs, in the order they were first seen."""
    return list(session.exec(select(DrugRow).where(DrugRow.cik == cik).order_by(col(DrugRow.id))))
