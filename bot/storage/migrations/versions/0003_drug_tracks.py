"""drug tracks: indication keys as analysts read them, qualifiers, registry ids

Adds drug_tracks.qualifier and .nct and events.prev_indication, then moves the stored memory to
the new indication keys: tracks that now share a key ('advanced NSCLC' and 'non-small cell lung
cancer') become one (the most advanced wins; its events follow), and each phase event's key
gains its track ('…:tcb101@nonsmallcelllungcancer', deliveries too), so a restatement after the
upgrade still finds its first telling.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 06:50:00
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

from bot.domain.drugs import STATUS_RANK, name_key, phase_rank
from bot.domain.indications import parse_indication

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("drug_tracks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "qualifier", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column("nct", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="")
        )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("prev_indication", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
    connection = op.get_bind()
    merge_tracks(connection)
    rekey_phase_events(connection)


def merge_tracks(connection: sa.Connection) -> None:
    """Re-key every track; tracks of one drug that now share a key become the most advanced."""
    rows = connection.execute(
        sa.text("SELECT id, drug_id, indication, phase, status, since FROM drug_tracks")
    ).all()
    groups: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for row in rows:  # a key no other track holds, until each gets its new one
        connection.execute(
            sa.text("UPDATE drug_tracks SET indication_key = :k WHERE id = :id"),
            {"k": f"#{row.id}", "id": row.id},
        )
        groups[(row.drug_id, parse_indication(row.indication).key)].append(row)
    for (_, key), tracks in groups.items():
        best = max(tracks, key=_advance)
        for other in (t for t in tracks if t.id != best.id):
            connection.execute(
                sa.text("UPDATE events SET track_id = :best WHERE track_id = :other"),
                {"best": best.id, "other": other.id},
            )
            connection.execute(sa.text("DELETE FROM drug_tracks WHERE id = :id"), {"id": other.id})
        qualifier = parse_indication(best.indication).qualifier or ""
        connection.execute(
            sa.text("UPDATE drug_tracks SET indication_key = :k, qualifier = :q WHERE id = :id"),
            {"k": key, "q": qualifier, "id": best.id},
        )


def _advance(track: Any) -> tuple[float, int, str, int]:
    """Order of progress: phase, then status, then the latest, then the newest row."""
    return (
        phase_rank(track.phase),
        STATUS_RANK.get(track.status, 0),
        str(track.since or ""),
        track.id,
    )


def rekey_phase_events(connection: sa.Connection) -> None:
    """'phase_change:started:2:tcb101' → '…@nonsmallcelllungcancer' for events on a named track."""
    rows = connection.execute(
        sa.text(
            "SELECT e.id, e.accession, e.key, t.indication_key FROM events e "
            "JOIN drug_tracks t ON t.id = e.track_id "
            "WHERE e.type = 'phase_change' AND e.drug_id IS NOT NULL"
        )
    ).all()
    for row in rows:
        if not row.indication_key or "@" in row.key:
            continue
        key = f"{row.key}@{name_key(row.indication_key)}"
        connection.execute(
            sa.text("UPDATE events SET key = :key WHERE id = :id"), {"key": key, "id": row.id}
        )
        connection.execute(
            sa.text(
                "UPDATE deliveries SET event_key = :key WHERE accession = :a AND event_key = :old"
            ),
            {"key": key, "a": row.accession, "old": row.key},
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("prev_indication")
    with op.batch_alter_table("drug_tracks", schema=None) as batch_op:
        batch_op.drop_column("nct")
        batch_op.drop_column("qualifier")
