"""A drug's tracks (one per indication, key '' for its early track) and the keys of their events.

Storage-side helpers of the pipeline memory: which track an event belongs to, which track is
the drug's most advanced, and the event keys that tie restatements to their first telling.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from bot.domain.drugs import name_key, phase_rank, progress
from bot.domain.indications import Indication, parse_indication
from bot.domain.kinds import compose_key
from bot.storage.events import detail_of
from bot.storage.models import DeliveryRow, DrugRow, DrugTrackRow, EventRow


def canonical_key(row: EventRow, drug_key: str, track_key: str) -> str:
    """The event key with the drug's canonical name (and its track, for events judged on
    tracks), shared by all aliases."""
    detail = detail_of(row)
    key = compose_key(row.type, *detail.key_parts(), drug_key)
    if track_key and detail.track_claim() is not None:
        return f"{key}@{name_key(track_key)}"
    return key


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
    """The track an event belongs to: its indication's; with none named, the one at its phase,
    else the most advanced trial under way, else the early track (a plan in one indication does
    not take a start that names none). A lone track that never named an indication takes the
    first one named."""
    tracks = tracks_of(session, drug)
    if indication.key or indication.early:
        named = next((t for t in tracks if t.indication_key == indication.key), None)
        bare = [t for t in tracks if not t.indication_key and not t.indication]
        lone = bare[0] if len(tracks) == 1 and bare and indication.key else None
        return named or lone
    same = [t for t in tracks if phase and phase_rank(t.phase) == phase_rank(phase)]
    under_way = [t for t in tracks if t.status != "planned"]
    early = [t for t in tracks if not t.indication_key]
    return best_track(same) or best_track(under_way) or best_track(early)


def adopt_indication(
    session: Session, drug: DrugRow, track: DrugTrackRow, indication: Indication
) -> None:
    """A track that never named its indication takes the first one named; its events (and
    their deliveries) take the track's new key, so restatements still find their first telling."""
    track.indication_key, track.indication = indication.key, indication.text
    track.qualifier = indication.qualifier or ""
    session.add(track)
    for row in session.exec(select(EventRow).where(EventRow.track_id == track.id)).all():
        key = canonical_key(row, drug.key, track.indication_key)
        rename_deliveries(session, row.accession, row.key, key)
        row.key = key
        session.add(row)
    session.flush()


def describe_track(track: DrugTrackRow) -> str:
    """'advanced solid tumors', 'non-small cell lung cancer'; '' when none was named."""
    name = track.indication_key or parse_indication(track.indication).name
    return " ".join(w for w in (track.qualifier, name) if w)


def rename_deliveries(session: Session, accession: str, old: str, new: str) -> None:
    query = select(DeliveryRow).where(
        DeliveryRow.accession == accession, DeliveryRow.event_key == old
    )
    for delivery in session.exec(query):
        delivery.event_key = new
        session.add(delivery)


def merge_ncts(*lists: str) -> str:
    """',NCT1,' and ',NCT2,NCT1,' → ',NCT1,NCT2,'; '' when none."""
    unique = list(dict.fromkeys(n for ncts in lists for n in ncts.strip(",").split(",") if n))
    return "," + ",".join(unique) + "," if unique else ""
