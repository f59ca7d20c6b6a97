"""registry: cached trial records, trial mentions, lookups and message updates

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 06:39:44.107939
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.storage.models

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "registry_lookups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("accession", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("next_attempt_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.Column("created_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.Column("done_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("registry_lookups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_registry_lookups_accession"), ["accession"], unique=True
        )
        batch_op.create_index(batch_op.f("ix_registry_lookups_state"), ["state"], unique=False)

    op.create_table(
        "registry_studies",
        sa.Column("nct_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("last_update_posted", sa.Date(), nullable=True),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("fetched_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("nct_id"),
    )
    op.create_table(
        "registry_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("accession", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ts", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("how", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "ts"),
    )
    with op.batch_alter_table("registry_updates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_registry_updates_accession"), ["accession"], unique=False
        )

    op.create_table(
        "trial_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("accession", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("nct_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cik", sa.Integer(), nullable=False),
        sa.Column("drug", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("indication", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("drug_id", sa.Integer(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", bot.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("accession", "nct_id"),
    )
    with op.batch_alter_table("trial_mentions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_trial_mentions_accession"), ["accession"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_trial_mentions_cik"), ["cik"], unique=False)
        batch_op.create_index(batch_op.f("ix_trial_mentions_nct_id"), ["nct_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("trial_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trial_mentions_nct_id"))
        batch_op.drop_index(batch_op.f("ix_trial_mentions_cik"))
        batch_op.drop_index(batch_op.f("ix_trial_mentions_accession"))

    op.drop_table("trial_mentions")
    with op.batch_alter_table("registry_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_updates_accession"))

    op.drop_table("registry_updates")
    op.drop_table("registry_studies")
    with op.batch_alter_table("registry_lookups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_lookups_state"))
        batch_op.drop_index(batch_op.f("ix_registry_lookups_accession"))

    op.drop_table("registry_lookups")
