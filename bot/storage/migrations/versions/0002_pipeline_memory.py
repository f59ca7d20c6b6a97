"""pipeline memory

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 07:17:37.636065
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.storage.models

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "drug_tracks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("drug_id", sa.Integer(), nullable=False),
        sa.Column("indication", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("indication_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("phase", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("accession", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("drug_id", "indication_key"),
    )
    with op.batch_alter_table("drug_tracks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_drug_tracks_drug_id"), ["drug_id"], unique=False)

    op.create_table(
        "drugs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cik", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("aliases", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("names", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("mtd_kind", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("mtd_value", sa.Float(), nullable=True),
        sa.Column("mtd_unit", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("mtd_schedule", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("mtd_not_reached", sa.Boolean(), nullable=False),
        sa.Column("mtd_since", sa.Date(), nullable=True),
        sa.Column("created_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cik", "key"),
    )
    with op.batch_alter_table("drugs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_drugs_cik"), ["cik"], unique=False)

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("drug_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("track_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("change", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(
            sa.Column("prev_phase", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("prev_status", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_events_drug_id"), ["drug_id"], unique=False)

    with op.batch_alter_table("watches", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "repeats",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="thread",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("watches", schema=None) as batch_op:
        batch_op.drop_column("repeats")

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_drug_id"))
        batch_op.drop_column("prev_status")
        batch_op.drop_column("prev_phase")
        batch_op.drop_column("change")
        batch_op.drop_column("track_id")
        batch_op.drop_column("drug_id")

    with op.batch_alter_table("drugs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drugs_cik"))

    op.drop_table("drugs")
    with op.batch_alter_table("drug_tracks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drug_tracks_drug_id"))

    op.drop_table("drug_tracks")
