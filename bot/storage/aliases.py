"""One drug under all its names: resolving a name to the company's drug, and merging two drugs
when a filing writes together two names kept apart until then ("zelenirstat (PCLX-001)").
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot.domain.drugs import NEWS, find_aliases, name_key, split_names
from bot.storage.models import DrugRow, DrugTrackRow, EventRow
from bot.storage.tracks import canonical_key, merge_ncts, rename_deliveries, track_rank, tracks_of


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
        mine.nct = merge_ncts(mine.nct, track.nct)
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
            rename_deliveries(session, row.accession, row.key, key)
            row.key = key
            if any(e.change in NEWS for e in known):
                row.change = "repeat"
        row.drug_id = keep.id
        session.add(row)
