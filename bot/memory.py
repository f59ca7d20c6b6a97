"""Pipeline memory: each company's drugs, where each stands, and what an event changed.

Called inside the transaction that stores a filing. Every event with a drug is tied to the drug
(aliases merged, across filings too) and to one of its tracks, an indication as analysts read it
(`bot.indications`), then judged: against the track when the drug was seen in that indication,
against the drug's most advanced track when not (a later phase names the move, `Phase 1 (advanced
solid tumors) → Phase 2 started`; the same or an earlier one is a new indication). State moves
forward by news only. An event without a drug never moves a drug: it is alerted as an unnamed
drug when it stands in a release's headline or lead, and set aside otherwise.
Backfilled filings go through the same path, oldest first.

`attach_nct` is where the registry client records the trials matched to a track.
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
    phase_rank,
    progress,
    split_names,
)
from bot.events import LEAD_CHARS, build_key
from bot.indications import Indication, parse_indication
from bot.models import DeliveryRow, DrugRow, DrugTrackRow, EventRow

NEWS: tuple[Change, ...] = ("new", "advance", "new_indication", "new_trial")


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
        if not row.drug:
            row.change = "unnamed" if row.start < LEAD_CHARS else "aside"
            kept.setdefault(row.key, row)
            continue
        drug = resolve_drug(session, cik, row.drug, texts.get(row.document_url, ""))
        row.drug_id = drug.id
        if row.type == "phase_change":
            indication = parse_indication(row.indication)
            track = track_for(session, drug, indication, row.phase)
            track_key = indication.key or (track.indication_key if track else "")
            row.key = canonical_key(row, drug.key, track_key)
            if row.key not in kept:
                _judge_phase(session, drug, row, filed=filed, track=track, indication=indication)
        else:
            row.key = canonical_key(row, drug.key, "")
            if row.key not in kept:
                _judge_mtd(session, drug, row, filed)
        kept.setdefault(row.key, row)  # the same news under two names of one drug goes once
    return list(kept.values())


def canonical_key(row: EventRow, drug_key: str, track_key: str) -> str:
    """The event key with the drug's canonical name (and its track), shared by all aliases."""
    if row.type == "phase_change":
        key = build_key(row.type, row.status, row.phase, None, drug_key)
        return f"{key}@{name_key(track_key)}" if track_key else key
    dose = f"{row.dose_value:g}{row.dose_unit}" if row.dose_value is not None else None
    return build_key(row.type, row.kind, None, "nr" if row.not_reached else dose, drug_key)


def resolve_drug(session: Session, cik: int, raw: str, text: str) -> DrugRow:
    """The company's drug named `raw` (or by an alias of it), created on first sight.

    When the names written together belong to two drugs kept apart until now ("zelenirstat
    (PCLX-001)"), the two become one, history included (`merge_drugs`).
    """
    names = split_names(raw) or [raw]
    for name in list(names):
        names.extend(a for a in find_aliases(text, name) if a not in names)
    keys = {name_key(n) for n in names if name_key(n)}
    drugs = session.exec(select(DrugRow).where(DrugRow.cik == cik).order_by(col(DrugRow.id))).all()
    matched = [d for d in drugs if keys & set(_aliases(d))]
    drug = matched[0] if matched else DrugRow(cik=cik, name=names[0], key=name_key(names[0]))
    for other in matched[1:]:
        merge_drugs(session, drug, other)
    drug.aliases = "," + ",".join(dict.fromkeys([*_aliases(drug), *sorted(keys)])) + ","
    spellings = [s for s in drug.names.split("|") if s]
    drug.names = "|".join(dict.fromkeys([*spellings, *names]))
    session.add(drug)
    session.flush()
    return drug


def _aliases(drug: DrugRow) -> list[str]:
    return [k for k in drug.aliases.strip(",").split(",") if k]


def merge_drugs(session: Session, keep: DrugRow, gone: DrugRow) -> None:
    """`gone` becomes part of `keep`: names, tracks (the most advanced per key), events, MTD."""
    ours = {t.indication_key: t for t in tracks_of(session, keep)}
    for track in tracks_of(session, gone):
        mine = ours.get(track.indication_key)
        if mine is None:
            track.drug_id = keep.id or 0
            session.add(track)
            continue
        best, worse = sorted((mine, track), key=track_rank, reverse=True)
        mine.phase, mine.status, mine.since = best.phase, best.status, best.since
        mine.accession, mine.qualifier = best.accession, best.qualifier or worse.qualifier
        mine.nct = _join(_split(mine.nct) + _split(track.nct))
        _move_events(session, track.id, mine.id)
        session.delete(track)
    session.flush()
    _rekey_events(session, gone, keep)
    if gone.mtd_kind and (
        keep.mtd_kind is None or (gone.mtd_kind, keep.mtd_kind) == ("MTD", "RP2D")
    ):
        keep.mtd_kind, keep.mtd_value, keep.mtd_unit = gone.mtd_kind, gone.mtd_value, gone.mtd_unit
        keep.mtd_schedule, keep.mtd_not_reached = gone.mtd_schedule, gone.mtd_not_reached
        keep.mtd_since = gone.mtd_since
    keep.aliases = "," + ",".join(dict.fromkeys([*_aliases(keep), *_aliases(gone)])) + ","
    keep.names = "|".join(
        dict.fromkeys(n for n in [*keep.names.split("|"), *gone.names.split("|")] if n)
    )
    session.delete(gone)
    session.flush()


def _move_events(session: Session, old: int | None, new: int | None) -> None:
    for row in session.exec(select(EventRow).where(EventRow.track_id == old)):
        row.track_id = new
        session.add(row)


def _rekey_events(session: Session, gone: DrugRow, keep: DrugRow) -> None:
    """`gone`'s events take `keep`'s keys (deliveries too), so their news is known as told; news
    `keep` already had becomes a repeat, so the merged history tells each move once."""
    for row in session.exec(select(EventRow).where(EventRow.drug_id == gone.id)).all():
        track = session.get(DrugTrackRow, row.track_id) if row.track_id else None
        key = canonical_key(row, keep.key, track.indication_key if track else "")
        known = session.exec(
            select(EventRow).where(EventRow.drug_id == keep.id, EventRow.key == key)
        ).all()
        if any(e.accession == row.accession for e in known):
            row.change = "repeat"  # both names told in one filing: one telling is enough
        else:
            _rename_deliveries(session, row.accession, row.key, key)
            row.key = key
            if any(e.change in NEWS for e in known):
                row.change = "repeat"
        row.drug_id = keep.id
        session.add(row)


def _rename_deliveries(session: Session, accession: str, old: str, new: str) -> None:
    query = select(DeliveryRow).where(
        DeliveryRow.accession == accession, DeliveryRow.event_key == old
    )
    for delivery in session.exec(query):
        delivery.event_key = new
        session.add(delivery)


def tracks_of(session: Session, drug: DrugRow) -> list[DrugTrackRow]:
    """A drug's tracks in the order they were first seen."""
    query = select(DrugTrackRow).where(DrugTrackRow.drug_id == drug.id)
    return list(session.exec(query.order_by(col(DrugTrackRow.id))))


def best_track(tracks: Sequence[DrugTrackRow]) -> DrugTrackRow | None:
    """The most advanced track: highest phase, then status, then the latest."""
    return max(tracks, key=track_rank, default=None)


def track_rank(track: DrugTrackRow) -> tuple[bool, float, int, int, int]:
    """Order of progress: a trial under way before a plan, then phase and status; of equals,
    the first to get there (the drug has been in Phase 2 since its first Phase 2)."""
    under_way = track.status != "planned"
    first = -(track.since or date.max).toordinal()
    return (under_way, *progress(track.phase, track.status), first, -(track.id or 0))


def track_for(
    session: Session, drug: DrugRow, indication: Indication, phase: str | None
) -> DrugTrackRow | None:
    """The track an event belongs to: its indication's, else (none named) the one at its phase
    or the most advanced; a lone track that never named an indication takes the first one named."""
    tracks = tracks_of(session, drug)
    if indication.key or indication.early:
        named = next((t for t in tracks if t.indication_key == indication.key), None)
        bare = [t for t in tracks if not t.indication_key and not t.indication]
        lone = bare[0] if len(tracks) == 1 and bare and indication.key else None
        return named or lone
    same = [t for t in tracks if phase and phase_rank(t.phase) == phase_rank(phase)]
    return best_track(same) or best_track(tracks)


def describe_track(track: DrugTrackRow) -> str:
    """'advanced solid tumors', 'non-small cell lung cancer'; '' when none was named."""
    name = parse_indication(track.indication).name if track.indication else track.indication_key
    return " ".join(w for w in (track.qualifier, name) if w)


def _judge_phase(
    session: Session,
    drug: DrugRow,
    row: EventRow,
    *,
    filed: date | None,
    track: DrugTrackRow | None,
    indication: Indication,
) -> None:
    status = row.status or "planned"
    if track is not None and status == "planned" and track.status != "planned":
        row.change, row.track_id = "plan", track.id  # the next step of a trial under way
    elif track is not None:
        row.change = judge(Known(track.phase, track.status, track.since), row.phase, status, filed)
        row.prev_phase, row.prev_status, row.track_id = track.phase, track.status, track.id
        if track.status == "planned" and row.change == "advance":
            _name_the_move(row, [t for t in tracks_of(session, drug) if t.id != track.id])
    else:
        row.change = _judge_new_track(best_track(tracks_of(session, drug)), row, indication)
    if row.change not in NEWS:
        return
    if track is None or (indication.key and not track.indication_key):
        track = track or DrugTrackRow(drug_id=drug.id or 0)
        track.indication_key = indication.key
    if indication.text:
        track.indication, track.qualifier = indication.text, indication.qualifier or ""
    track.phase, track.status, track.since = row.phase, status, filed
    track.accession = row.accession
    session.add(track)
    session.flush()
    row.track_id = track.id


def _name_the_move(row: EventRow, others: Sequence[DrugTrackRow]) -> None:
    """A start on a track that was only planned moves the drug from its best phase elsewhere."""
    best = best_track([t for t in others if t.status != "planned"])
    if best is not None and phase_rank(best.phase) < phase_rank(row.phase):
        row.prev_phase, row.prev_status = best.phase, best.status
        row.prev_indication = describe_track(best) or None


def _judge_new_track(best: DrugTrackRow | None, row: EventRow, indication: Indication) -> Change:
    """A drug's first event in an indication: first seen, past its best phase, or beside it."""
    if best is None:
        return "new"
    if phase_rank(row.phase) > phase_rank(best.phase):
        row.prev_phase, row.prev_status = best.phase, best.status
        row.prev_indication = describe_track(best) or None
        return "advance"
    return "new_indication" if indication.key else "new_trial"


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


def attach_nct(session: Session, track_id: int, ncts: Sequence[str]) -> None:
    """Record registry ids (NCT…) matched to a track; `pipeline --json` lists them as `nct`."""
    track = session.get(DrugTrackRow, track_id)
    if track is not None:
        track.nct = _join(_split(track.nct) + [n.upper() for n in ncts])
        session.add(track)


def _split(ncts: str) -> list[str]:
    return [n for n in ncts.strip(",").split(",") if n]


def _join(ncts: list[str]) -> str:
    unique = list(dict.fromkeys(ncts))
    return "," + ",".join(unique) + "," if unique else ""


def drugs_of(session: Session, cik: int) -> list[DrugRow]:
    """A company's drugs, in the order they were first seen."""
    return list(session.exec(select(DrugRow).where(DrugRow.cik == cik).order_by(col(DrugRow.id))))
